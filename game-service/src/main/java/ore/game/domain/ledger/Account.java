package ore.game.domain.ledger;

import java.util.Objects;
import java.util.UUID;
import ore.game.domain.node.OreType;

/**
 * A ledger account: one kind, one ore, and for player accounts the player. Its {@link #code()} is
 * its unique name in the ledger: {@code player:<id>:<ore>}, {@code world:<ore>},
 * {@code rewards:escrow:<ore>}, {@code rewards:paid:<ore>}, {@code purged:<ore>}.
 */
public record Account(AccountKind kind, UUID playerId, OreType ore) {

    public Account {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ore, "ore");
        if ((kind == AccountKind.PLAYER) != (playerId != null)) {
            throw new IllegalArgumentException("exactly the player accounts have a player id");
        }
    }

    public static Account player(UUID playerId, OreType ore) {
        return new Account(AccountKind.PLAYER, Objects.requireNonNull(playerId, "playerId"), ore);
    }

    public static Account world(OreType ore) {
        return new Account(AccountKind.WORLD, null, ore);
    }

    public static Account escrow(OreType ore) {
        return new Account(AccountKind.ESCROW, null, ore);
    }

    public static Account paid(OreType ore) {
        return new Account(AccountKind.PAID, null, ore);
    }

    public static Account purged(OreType ore) {
        return new Account(AccountKind.PURGED, null, ore);
    }

    public String code() {
        return switch (kind) {
            case PLAYER -> "player:" + playerId + ":" + ore.code();
            case WORLD -> "world:" + ore.code();
            case ESCROW -> "rewards:escrow:" + ore.code();
            case PAID -> "rewards:paid:" + ore.code();
            case PURGED -> "purged:" + ore.code();
        };
    }

    @Override
    public String toString() {
        return code();
    }
}
