package ore.game.adapter.out.jooq;

import static ore.game.adapter.out.jooq.generated.Tables.PLAYER_HOLD;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import ore.game.adapter.out.jooq.generated.tables.records.PlayerHoldRecord;
import ore.game.app.port.HoldStore;
import ore.game.domain.hold.Hold;

@Singleton
public class JooqHoldStore implements HoldStore {

    private final JooqTransactions tx;

    public JooqHoldStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean record(Hold hold) {
        String reasons = String.join(",", hold.reasons());
        return tx.requireTransaction().insertInto(PLAYER_HOLD)
                .set(PLAYER_HOLD.ID, hold.id())
                .set(PLAYER_HOLD.PLAYER_ID, hold.playerId())
                .set(PLAYER_HOLD.REJECTIONS, hold.rejections())
                .set(PLAYER_HOLD.WINDOW_SECONDS, hold.windowSeconds())
                .set(PLAYER_HOLD.REASONS, reasons.length() > 500 ? reasons.substring(0, 500) : reasons)
                .set(PLAYER_HOLD.DETECTED_AT, hold.detectedAt())
                .set(PLAYER_HOLD.HELD_AT, hold.heldAt())
                .onConflictDoNothing()
                .execute() > 0;
    }

    @Override
    public List<Hold> active(int limit) {
        return tx.dsl().selectFrom(PLAYER_HOLD).where(PLAYER_HOLD.RELEASED_AT.isNull())
                .orderBy(PLAYER_HOLD.HELD_AT).limit(limit).fetch(JooqHoldStore::toHold);
    }

    @Override
    public List<Hold> ofPlayer(UUID playerId) {
        return tx.dsl().selectFrom(PLAYER_HOLD).where(PLAYER_HOLD.PLAYER_ID.eq(playerId))
                .orderBy(PLAYER_HOLD.HELD_AT.desc()).fetch(JooqHoldStore::toHold);
    }

    @Override
    public int release(UUID playerId, Instant at, String by, String note) {
        return tx.requireTransaction().update(PLAYER_HOLD)
                .set(PLAYER_HOLD.RELEASED_AT, at)
                .set(PLAYER_HOLD.RELEASED_BY, by)
                .set(PLAYER_HOLD.RELEASE_NOTE, note)
                .where(PLAYER_HOLD.PLAYER_ID.eq(playerId).and(PLAYER_HOLD.RELEASED_AT.isNull()))
                .execute();
    }

    @Override
    public int deleteOfPlayer(UUID playerId) {
        return tx.dsl().deleteFrom(PLAYER_HOLD).where(PLAYER_HOLD.PLAYER_ID.eq(playerId)).execute();
    }

    private static Hold toHold(PlayerHoldRecord r) {
        List<String> reasons = r.getReasons().isEmpty() ? List.of() : Arrays.asList(r.getReasons().split(","));
        return new Hold(r.getId(), r.getPlayerId(), r.getRejections(), r.getWindowSeconds(), reasons,
                r.getDetectedAt(), r.getHeldAt(), r.getReleasedAt(), r.getReleasedBy(), r.getReleaseNote());
    }
}
