package ore.game.domain.ledger;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import ore.game.domain.node.OreType;

/**
 * A balanced movement of ore: at least two entries on distinct accounts, all of one ore, summing to
 * zero, with a reason and a reference to what caused it. The constructor refuses anything else, and
 * the database checks the same at commit (see the migration), so an unbalanced transaction can
 * neither be built nor stored.
 */
public record LedgerTransaction(UUID id, Reason reason, String reference, List<Entry> entries, Instant at) {

    public static final int MAX_REFERENCE_LENGTH = 100;

    public LedgerTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (reference == null || reference.isEmpty() || reference.length() > MAX_REFERENCE_LENGTH) {
            throw new IllegalArgumentException("reference must be 1.." + MAX_REFERENCE_LENGTH + " characters");
        }
        entries = List.copyOf(entries);
        if (entries.size() < 2) {
            throw new IllegalArgumentException("a transaction has at least two entries");
        }
        long sum = 0;
        var accounts = new HashSet<Account>();
        OreType ore = entries.getFirst().account().ore();
        for (Entry e : entries) {
            sum = Math.addExact(sum, e.amount());
            if (!accounts.add(e.account())) {
                throw new IllegalArgumentException("account " + e.account() + " appears twice");
            }
            if (e.account().ore() != ore) {
                throw new IllegalArgumentException("one ore per transaction: " + ore + " and " + e.account().ore());
            }
        }
        if (sum != 0) {
            throw new IllegalArgumentException("entries sum to " + sum + ", not 0");
        }
    }

    public OreType ore() {
        return entries.getFirst().account().ore();
    }

    private static LedgerTransaction transfer(UUID id, Reason reason, String reference, Account from, Account to,
                                              long amount, Instant at) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        return new LedgerTransaction(id, reason, reference, List.of(new Entry(from, -amount), new Entry(to, amount)), at);
    }

    public static LedgerTransaction mined(UUID id, UUID playerId, OreType ore, long amount, String nodeId, Instant at) {
        return transfer(id, Reason.MINED, nodeId, Account.world(ore), Account.player(playerId, ore), amount, at);
    }

    public static LedgerTransaction claim(UUID id, UUID playerId, OreType ore, long amount, UUID rewardId, Instant at) {
        return transfer(id, Reason.CLAIM, rewardId.toString(), Account.player(playerId, ore), Account.escrow(ore),
                amount, at);
    }

    public static LedgerTransaction paid(UUID id, OreType ore, long amount, UUID rewardId, Instant at) {
        return transfer(id, Reason.PAID, rewardId.toString(), Account.escrow(ore), Account.paid(ore), amount, at);
    }

    /** Back to the player, or to the purged account when the player was deleted meanwhile ({@code playerId} null). */
    public static LedgerTransaction refund(UUID id, UUID playerId, OreType ore, long amount, UUID rewardId, Instant at) {
        Account to = playerId == null ? Account.purged(ore) : Account.player(playerId, ore);
        return transfer(id, Reason.REFUND, rewardId.toString(), Account.escrow(ore), to, amount, at);
    }

    public static LedgerTransaction purge(UUID id, UUID playerId, OreType ore, long amount, Instant at) {
        return transfer(id, Reason.PURGE, playerId.toString(), Account.player(playerId, ore), Account.purged(ore),
                amount, at);
    }
}
