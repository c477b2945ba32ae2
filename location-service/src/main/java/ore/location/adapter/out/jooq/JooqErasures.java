package ore.location.adapter.out.jooq;

import static ore.location.adapter.out.jooq.generated.Tables.ERASED_PLAYER;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ore.location.app.port.Erasures;

/** {@link Erasures} on {@code location.erased_player}. */
@Singleton
public class JooqErasures implements Erasures {

    private final JooqTransactions tx;

    public JooqErasures(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void markErased(UUID playerId, Instant at) {
        tx.dsl().insertInto(ERASED_PLAYER).set(ERASED_PLAYER.PLAYER_ID, playerId).set(ERASED_PLAYER.ERASED_AT, at)
                .onConflict(ERASED_PLAYER.PLAYER_ID).doUpdate().set(ERASED_PLAYER.ERASED_AT, at)
                .execute();
    }

    @Override
    public Set<UUID> erasedAmong(Collection<UUID> playerIds) {
        if (playerIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tx.dsl().select(ERASED_PLAYER.PLAYER_ID).from(ERASED_PLAYER)
                .where(ERASED_PLAYER.PLAYER_ID.in(playerIds)).fetch(ERASED_PLAYER.PLAYER_ID));
    }

    @Override
    public List<UUID> since(Instant from) {
        return tx.dsl().select(ERASED_PLAYER.PLAYER_ID).from(ERASED_PLAYER)
                .where(ERASED_PLAYER.ERASED_AT.ge(from)).fetch(ERASED_PLAYER.PLAYER_ID);
    }

    @Override
    public int forgetBefore(Instant before) {
        return tx.dsl().deleteFrom(ERASED_PLAYER).where(ERASED_PLAYER.ERASED_AT.lt(before)).execute();
    }
}
