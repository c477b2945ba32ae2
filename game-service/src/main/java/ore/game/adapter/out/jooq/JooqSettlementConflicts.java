package ore.game.adapter.out.jooq;

import static ore.game.adapter.out.jooq.generated.Tables.SETTLEMENT_CONFLICT;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.game.adapter.out.jooq.generated.tables.records.SettlementConflictRecord;
import ore.game.app.port.SettlementConflicts;
import ore.game.domain.reward.RewardStatus;
import ore.game.domain.reward.SettlementConflict;

/** {@link SettlementConflicts} in {@code game.settlement_conflict}; counts them as {@code ore.game.settlement.conflicts}. */
@Singleton
public class JooqSettlementConflicts implements SettlementConflicts {

    private final JooqTransactions tx;
    private final Counter recorded;

    public JooqSettlementConflicts(JooqTransactions tx, MeterRegistry meters) {
        this.tx = tx;
        this.recorded = Counter.builder("ore.game.settlement.conflicts")
                .description("Settlements that contradicted a claim's final status (reconcile them: "
                        + "GET /api/game/admin/settlement-conflicts)")
                .register(meters);
    }

    @Override
    public void record(SettlementConflict c) {
        int inserted = tx.requireTransaction().insertInto(SETTLEMENT_CONFLICT)
                .set(SETTLEMENT_CONFLICT.ID, c.id())
                .set(SETTLEMENT_CONFLICT.REWARD_ID, c.rewardId())
                .set(SETTLEMENT_CONFLICT.RECORDED_STATUS, c.recorded().code())
                .set(SETTLEMENT_CONFLICT.INCOMING_STATUS, c.incoming().code())
                .set(SETTLEMENT_CONFLICT.INCOMING_TX_HASH, c.incomingTxHash())
                .set(SETTLEMENT_CONFLICT.INCOMING_REASON, shorten(c.incomingReason()))
                .set(SETTLEMENT_CONFLICT.DETECTED_AT, c.detectedAt())
                .onConflictDoNothing()
                .execute();
        if (inserted > 0) {
            recorded.increment();
        }
    }

    @Override
    public List<SettlementConflict> open(int limit) {
        return tx.dsl().selectFrom(SETTLEMENT_CONFLICT).where(SETTLEMENT_CONFLICT.RESOLVED_AT.isNull())
                .orderBy(SETTLEMENT_CONFLICT.DETECTED_AT).limit(limit).fetch(JooqSettlementConflicts::toConflict);
    }

    @Override
    public boolean resolve(UUID id, Instant at, String by, String note) {
        return tx.requireTransaction().update(SETTLEMENT_CONFLICT)
                .set(SETTLEMENT_CONFLICT.RESOLVED_AT, at)
                .set(SETTLEMENT_CONFLICT.RESOLVED_BY, by)
                .set(SETTLEMENT_CONFLICT.RESOLUTION_NOTE, note)
                .where(SETTLEMENT_CONFLICT.ID.eq(id).and(SETTLEMENT_CONFLICT.RESOLVED_AT.isNull()))
                .execute() > 0;
    }

    private static String shorten(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static SettlementConflict toConflict(SettlementConflictRecord r) {
        return new SettlementConflict(r.getId(), r.getRewardId(), RewardStatus.byCode(r.getRecordedStatus()),
                RewardStatus.byCode(r.getIncomingStatus()), r.getIncomingTxHash(), r.getIncomingReason(),
                r.getDetectedAt(), r.getResolvedAt(), r.getResolvedBy(), r.getResolutionNote());
    }
}
