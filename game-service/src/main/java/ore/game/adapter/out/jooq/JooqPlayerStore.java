package ore.game.adapter.out.jooq;

import static ore.game.adapter.out.jooq.generated.Tables.PLAYER;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import ore.game.app.port.PlayerStore;
import org.jooq.impl.DSL;

@Singleton
public class JooqPlayerStore implements PlayerStore {

    private final JooqTransactions tx;

    public JooqPlayerStore(JooqTransactions tx) {
        this.tx = tx;
    }

    /**
     * One statement: insert the row, or "update" the existing one to itself, which takes its row lock
     * (ON CONFLICT DO UPDATE locks the conflicting row) and returns its current values.
     */
    @Override
    public PlayerState lock(UUID playerId, Instant now) {
        var row = tx.requireTransaction().insertInto(PLAYER)
                .set(PLAYER.ID, playerId)
                .set(PLAYER.CREATED_AT, now)
                .onConflict(PLAYER.ID)
                .doUpdate().set(PLAYER.ID, DSL.excluded(PLAYER.ID))
                .returning(PLAYER.LAST_MINED_AT, PLAYER.DELETED_AT, PLAYER.HELD_AT)
                .fetchOne();
        return new PlayerState(row.getLastMinedAt(), row.getDeletedAt(), row.getHeldAt());
    }

    @Override
    public void hold(UUID playerId, Instant at) {
        tx.requireTransaction().insertInto(PLAYER)
                .set(PLAYER.ID, playerId)
                .set(PLAYER.CREATED_AT, at)
                .set(PLAYER.HELD_AT, at)
                .onConflict(PLAYER.ID)
                .doUpdate().set(PLAYER.HELD_AT, DSL.coalesce(PLAYER.HELD_AT, DSL.val(at)))
                .execute();
    }

    @Override
    public boolean release(UUID playerId) {
        return tx.requireTransaction().update(PLAYER).setNull(PLAYER.HELD_AT)
                .where(PLAYER.ID.eq(playerId).and(PLAYER.HELD_AT.isNotNull())).execute() > 0;
    }

    @Override
    public java.util.Optional<PlayerState> find(UUID playerId) {
        return tx.dsl().select(PLAYER.LAST_MINED_AT, PLAYER.DELETED_AT, PLAYER.HELD_AT).from(PLAYER)
                .where(PLAYER.ID.eq(playerId)).fetchOptional()
                .map(r -> new PlayerState(r.value1(), r.value2(), r.value3()));
    }

    @Override
    public void recordMined(UUID playerId, Instant at) {
        tx.defer(tx.builder().update(PLAYER).set(PLAYER.LAST_MINED_AT, at).where(PLAYER.ID.eq(playerId)));
    }

    @Override
    public void markDeleted(UUID playerId, Instant at) {
        tx.requireTransaction().insertInto(PLAYER)
                .set(PLAYER.ID, playerId)
                .set(PLAYER.CREATED_AT, at)
                .set(PLAYER.DELETED_AT, at)
                .onConflict(PLAYER.ID)
                .doUpdate().set(PLAYER.DELETED_AT, DSL.coalesce(PLAYER.DELETED_AT, DSL.val(at)))
                .execute();
    }
}
