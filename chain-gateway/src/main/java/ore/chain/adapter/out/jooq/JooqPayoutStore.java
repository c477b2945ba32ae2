package ore.chain.adapter.out.jooq;

import static ore.chain.adapter.out.jooq.generated.Tables.NONCE;
import static ore.chain.adapter.out.jooq.generated.Tables.PAYOUT;
import static ore.chain.adapter.out.jooq.generated.Tables.PAYOUT_ATTEMPT;

import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import ore.chain.adapter.out.jooq.generated.tables.records.PayoutAttemptRecord;
import ore.chain.adapter.out.jooq.generated.tables.records.PayoutRecord;
import ore.chain.app.port.PayoutStore;
import ore.chain.app.port.TxSigner;
import ore.chain.domain.fee.Fees;
import ore.chain.domain.payout.Payout;
import ore.chain.domain.payout.PayoutRequest;
import ore.chain.domain.payout.PayoutStatus;
import org.jooq.impl.DSL;

/** {@link PayoutStore} on {@code chain.payout}, {@code chain.payout_attempt} and {@code chain.nonce}. */
@Singleton
public class JooqPayoutStore implements PayoutStore {

    private final JooqTransactions tx;

    public JooqPayoutStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(PayoutRequest r, PayoutStatus status, Instant now) {
        return tx.dsl().insertInto(PAYOUT)
                .set(PAYOUT.REWARD_ID, r.rewardId())
                .set(PAYOUT.PLAYER_ID, r.playerId())
                .set(PAYOUT.WALLET, r.wallet())
                .set(PAYOUT.AMOUNT, r.amount())
                .set(PAYOUT.STATUS, status.code())
                .set(PAYOUT.REASON, r.invalidReason())
                .set(PAYOUT.ATTEMPTS, 0)
                .set(PAYOUT.REQUESTED_AT, r.requestedAt())
                .set(PAYOUT.CREATED_AT, now)
                .set(PAYOUT.UPDATED_AT, now)
                .set(PAYOUT.SETTLED_AT, status.isFinal() ? now : null)
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<Payout> find(UUID rewardId) {
        return tx.dsl().selectFrom(PAYOUT).where(PAYOUT.REWARD_ID.eq(rewardId)).fetchOptional().map(JooqPayoutStore::toPayout);
    }

    @Override
    public List<Payout> withStatus(PayoutStatus status, int limit) {
        var query = tx.dsl().selectFrom(PAYOUT).where(PAYOUT.STATUS.eq(status.code()));
        var ordered = status == PayoutStatus.QUEUED ? query.orderBy(PAYOUT.CREATED_AT, PAYOUT.REWARD_ID)
                : query.orderBy(PAYOUT.NONCE.nullsLast(), PAYOUT.CREATED_AT);
        return ordered.limit(limit).fetch(JooqPayoutStore::toPayout);
    }

    @Override
    public OptionalLong nextNonce(String address) {
        Long next = tx.dsl().select(NONCE.NEXT_NONCE).from(NONCE).where(NONCE.ADDRESS.eq(address)).fetchOne(NONCE.NEXT_NONCE);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    @Override
    public void saveNextNonce(String address, long next, Instant now) {
        tx.dsl().insertInto(NONCE).set(NONCE.ADDRESS, address).set(NONCE.NEXT_NONCE, next).set(NONCE.UPDATED_AT, now)
                .onConflict(NONCE.ADDRESS).doUpdate().set(NONCE.NEXT_NONCE, next).set(NONCE.UPDATED_AT, now)
                .execute();
    }

    @Override
    public void recordAttempt(UUID rewardId, long nonce, int attempt, TxSigner.SignedTx signed, Fees fees, Instant now) {
        var dsl = tx.dsl();
        dsl.insertInto(PAYOUT_ATTEMPT)
                .set(PAYOUT_ATTEMPT.TX_HASH, signed.txHash())
                .set(PAYOUT_ATTEMPT.REWARD_ID, rewardId)
                .set(PAYOUT_ATTEMPT.ATTEMPT, attempt)
                .set(PAYOUT_ATTEMPT.NONCE, nonce)
                .set(PAYOUT_ATTEMPT.RAW_TX, signed.rawTx())
                .set(PAYOUT_ATTEMPT.MAX_FEE, fees.maxFeePerGas())
                .set(PAYOUT_ATTEMPT.PRIORITY_FEE, fees.maxPriorityFeePerGas())
                .set(PAYOUT_ATTEMPT.CREATED_AT, now)
                .execute();
        dsl.update(PAYOUT)
                .set(PAYOUT.STATUS, PayoutStatus.SIGNED.code())
                .set(PAYOUT.NONCE, nonce)
                .set(PAYOUT.TX_HASH, signed.txHash())
                .set(PAYOUT.ATTEMPTS, attempt)
                .set(PAYOUT.UPDATED_AT, now)
                .where(PAYOUT.REWARD_ID.eq(rewardId))
                .execute();
    }

    @Override
    public List<Attempt> attempts(UUID rewardId) {
        return tx.dsl().selectFrom(PAYOUT_ATTEMPT).where(PAYOUT_ATTEMPT.REWARD_ID.eq(rewardId))
                .orderBy(PAYOUT_ATTEMPT.ATTEMPT.desc()).fetch(JooqPayoutStore::toAttempt);
    }

    @Override
    public void markBroadcast(String txHash, Instant now) {
        tx.dsl().update(PAYOUT_ATTEMPT).set(PAYOUT_ATTEMPT.BROADCAST_AT, now).where(PAYOUT_ATTEMPT.TX_HASH.eq(txHash)).execute();
    }

    @Override
    public boolean markMined(UUID rewardId, String txHash, long block, String blockHash, Instant now) {
        return tx.dsl().update(PAYOUT)
                .set(PAYOUT.STATUS, PayoutStatus.MINED.code())
                .set(PAYOUT.TX_HASH, txHash)
                .set(PAYOUT.MINED_BLOCK, block)
                .set(PAYOUT.MINED_BLOCK_HASH, blockHash)
                .set(PAYOUT.UPDATED_AT, now)
                .where(PAYOUT.REWARD_ID.eq(rewardId), PAYOUT.STATUS.eq(PayoutStatus.SIGNED.code()))
                .execute() == 1;
    }

    @Override
    public boolean unmine(UUID rewardId, Instant now) {
        var dsl = tx.dsl();
        boolean changed = dsl.update(PAYOUT)
                .set(PAYOUT.STATUS, PayoutStatus.SIGNED.code())
                .setNull(PAYOUT.MINED_BLOCK)
                .setNull(PAYOUT.MINED_BLOCK_HASH)
                .set(PAYOUT.UPDATED_AT, now)
                .where(PAYOUT.REWARD_ID.eq(rewardId), PAYOUT.STATUS.eq(PayoutStatus.MINED.code()))
                .execute() == 1;
        if (changed) {
            dsl.update(PAYOUT_ATTEMPT).setNull(PAYOUT_ATTEMPT.BROADCAST_AT).where(PAYOUT_ATTEMPT.REWARD_ID.eq(rewardId)).execute();
        }
        return changed;
    }

    @Override
    public boolean requeue(UUID rewardId, String reason, Instant now) {
        return tx.dsl().update(PAYOUT)
                .set(PAYOUT.STATUS, PayoutStatus.QUEUED.code())
                .setNull(PAYOUT.NONCE)
                .set(PAYOUT.REASON, reason)
                .set(PAYOUT.UPDATED_AT, now)
                .where(PAYOUT.REWARD_ID.eq(rewardId), PAYOUT.STATUS.eq(PayoutStatus.SIGNED.code()))
                .execute() == 1;
    }

    @Override
    public boolean settle(UUID rewardId, PayoutStatus from, PayoutStatus to, String txHash, String reason, Instant now) {
        return tx.dsl().update(PAYOUT)
                .set(PAYOUT.STATUS, to.code())
                .set(PAYOUT.TX_HASH, txHash)
                .set(PAYOUT.REASON, reason)
                .set(PAYOUT.SETTLED_AT, now)
                .set(PAYOUT.UPDATED_AT, now)
                .where(PAYOUT.REWARD_ID.eq(rewardId), PAYOUT.STATUS.eq(from.code()))
                .execute() == 1;
    }

    @Override
    public BigInteger totalAmount(List<PayoutStatus> statuses) {
        BigInteger sum = tx.dsl().select(DSL.sum(PAYOUT.AMOUNT)).from(PAYOUT)
                .where(PAYOUT.STATUS.in(statuses.stream().map(PayoutStatus::code).toList()))
                .fetchOne(0, BigInteger.class);
        return sum == null ? BigInteger.ZERO : sum;
    }

    @Override
    public long count(PayoutStatus status) {
        return tx.dsl().fetchCount(PAYOUT, PAYOUT.STATUS.eq(status.code()));
    }

    private static Payout toPayout(PayoutRecord r) {
        return new Payout(r.getRewardId(), r.getPlayerId(), r.getWallet(), r.getAmount(), PayoutStatus.ofCode(r.getStatus()),
                r.getNonce(), r.getTxHash(), r.getMinedBlock(), r.getMinedBlockHash(), r.getReason(), r.getAttempts(),
                r.getRequestedAt());
    }

    private static Attempt toAttempt(PayoutAttemptRecord r) {
        return new Attempt(r.getTxHash(), r.getRewardId(), r.getAttempt(), r.getNonce(), r.getRawTx(),
                new Fees(r.getMaxFee(), r.getPriorityFee()), r.getCreatedAt(), r.getBroadcastAt());
    }
}
