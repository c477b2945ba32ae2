package ore.chain.app.port;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import ore.chain.domain.fee.Fees;
import ore.chain.domain.payout.Payout;
import ore.chain.domain.payout.PayoutRequest;
import ore.chain.domain.payout.PayoutStatus;

/**
 * Payouts, their signed attempts and the treasury's next nonce. Every method runs in the caller's
 * transaction when there is one. Status changes are conditional on the status the caller saw, so two
 * workers racing on the same payout cannot both apply a change.
 */
public interface PayoutStore {

    /** Stores the request with {@code status} unless a payout for its reward id exists; true if stored. */
    boolean insert(PayoutRequest request, PayoutStatus status, Instant now);

    Optional<Payout> find(UUID rewardId);

    /** Payouts in {@code status}, oldest first. */
    List<Payout> withStatus(PayoutStatus status, int limit);

    OptionalLong nextNonce(String address);

    void saveNextNonce(String address, long next, Instant now);

    /**
     * Stores a signed transaction of the payout (its first or a replacement) and moves the payout to
     * SIGNED with that nonce and hash. Called before the transaction is broadcast.
     */
    void recordAttempt(UUID rewardId, long nonce, int attempt, TxSigner.SignedTx signed, Fees fees, Instant now);

    /** All signed attempts of a payout, newest first. */
    List<Attempt> attempts(UUID rewardId);

    void markBroadcast(String txHash, Instant now);

    /** SIGNED → MINED; false when the payout was not SIGNED. */
    boolean markMined(UUID rewardId, String txHash, long block, String blockHash, Instant now);

    /** MINED → SIGNED after its block left the chain; the latest attempt counts as not broadcast. */
    boolean unmine(UUID rewardId, Instant now);

    /** SIGNED → QUEUED without a nonce (its nonce was used by another transaction). */
    boolean requeue(UUID rewardId, String reason, Instant now);

    /** {@code from} → PAID or FAILED; false when the payout was not in {@code from}. */
    boolean settle(UUID rewardId, PayoutStatus from, PayoutStatus to, String txHash, String reason, Instant now);

    /** Sum of the amounts of payouts in any of {@code statuses}. */
    BigInteger totalAmount(List<PayoutStatus> statuses);

    long count(PayoutStatus status);

    record Attempt(String txHash, UUID rewardId, int attempt, long nonce, String rawTx, Fees fees, Instant createdAt,
                   Instant broadcastAt) {
    }
}
