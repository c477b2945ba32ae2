package ore.chain.app;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ore.chain.app.port.EventOutbox;
import ore.chain.app.port.PayoutStore;
import ore.chain.app.port.RpcClient;
import ore.chain.app.port.TokenCodec;
import ore.chain.app.port.Transactions;
import ore.chain.app.port.TxSigner;
import ore.chain.domain.fee.Fees;
import ore.chain.domain.payout.Payout;
import ore.chain.domain.payout.PayoutStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves payouts along, one {@link #tick()} at a time (a worker calls it in a loop):
 *
 * <ol>
 *   <li><b>Sign</b> queued payouts: under the payout advisory lock (one writer across all instances),
 *   each gets the next nonce of the treasury and a signed transaction, and both are committed
 *   <i>before</i> anything is broadcast. The nonce counter and the payouts commit together, so nonces
 *   are handed out without gaps and a crash loses nothing: the stored transaction is sent on restart.</li>
 *   <li><b>Broadcast</b> the newest attempt of every signed payout, and again every
 *   {@code rebroadcastEvery} until it is mined (a node may have lost it). Repeating is harmless:
 *   the same bytes have the same hash, and nodes answer "already known" or "nonce too low".</li>
 *   <li><b>Receipts</b>: every attempt of a payout may be the one that got mined; the first receipt
 *   found makes it MINED. A nonce the chain has finalized with none of our attempts means someone
 *   else used the treasury key: the payout is queued again for a new nonce.</li>
 *   <li><b>Replace</b> attempts not mined after {@code stuckAfter}: same nonce and calldata, fees
 *   raised by the policy's bump (at least 10 %), stored before broadcast like the first.</li>
 *   <li><b>Settle</b> mined payouts once their block is final and the receipt is still in that
 *   block: PAID, or FAILED when the transfer reverted, with the settled event in the same
 *   transaction. A receipt that vanished (reorg) sends the payout back to SIGNED.</li>
 * </ol>
 */
public final class PayoutProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutProcessor.class);
    static final String WRITER_LOCK = "chain.payout-writer";
    private static final int SCAN_LIMIT = 500;
    private static final List<PayoutStatus> RESERVED = List.of(PayoutStatus.SIGNED, PayoutStatus.MINED);

    private final Transactions tx;
    private final PayoutStore store;
    private final EventOutbox outbox;
    private final RpcClient rpc;
    private final TxSigner signer;
    private final TokenCodec token;
    private final FeeOracle fees;
    private final Finality finality;
    private final PayoutSettings settings;
    private final EventTopics topics;
    private final Clock clock;
    private volatile boolean chainChecked;
    private volatile boolean treasuryShortLogged;

    public PayoutProcessor(Transactions tx, PayoutStore store, EventOutbox outbox, RpcClient rpc, TxSigner signer,
                           TokenCodec token, FeeOracle fees, Finality finality, PayoutSettings settings, EventTopics topics,
                           Clock clock) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.rpc = rpc;
        this.signer = signer;
        this.token = token;
        this.fees = fees;
        this.finality = finality;
        this.settings = settings;
        this.topics = topics;
        this.clock = clock;
    }

    /** What one tick did. */
    public record Tick(int signed, int broadcast, int mined, int replaced, int settled) {

        public int total() {
            return signed + broadcast + mined + replaced + settled;
        }
    }

    public Tick tick() {
        checkChain();
        int signed = signQueued();
        int broadcast = broadcastSigned();
        int mined = checkReceipts();
        int replaced = replaceStuck();
        int settled = settleFinal();
        return new Tick(signed, broadcast, mined, replaced, settled);
    }

    private void checkChain() {
        if (chainChecked) {
            return;
        }
        long actual = rpc.chainId();
        if (actual != settings.chainId()) {
            throw new IllegalStateException("RPC endpoint is on chain " + actual + ", configured chain is "
                    + settings.chainId() + "; refusing to sign");
        }
        chainChecked = true;
    }

    int signQueued() {
        if (store.withStatus(PayoutStatus.QUEUED, 1).isEmpty()) {
            return 0;
        }
        // Network reads before the transaction, so the lock is held only for signing and writing.
        Fees current = fees.current();
        long chainNonce = rpc.transactionCount(signer.address(), "latest");
        BigInteger balance = tokenBalance();
        return tx.inTransaction(() -> {
            if (!tx.tryLock(WRITER_LOCK)) {
                return 0;
            }
            List<Payout> queued = store.withStatus(PayoutStatus.QUEUED, settings.batchSize());
            long stored = store.nextNonce(signer.address()).orElse(0L);
            long next = Math.max(stored, chainNonce);
            if (next > stored && stored > 0) {
                LOG.warn("Treasury nonce on chain ({}) is ahead of ours ({}): the key was used elsewhere", chainNonce, stored);
            }
            // Conservative: what is signed or mined-but-not-final may not be reflected in the balance read.
            BigInteger available = balance.subtract(store.totalAmount(RESERVED));
            Instant now = clock.instant();
            int count = 0;
            for (Payout p : queued) {
                if (p.amount().compareTo(available) > 0) {
                    if (!treasuryShortLogged) {
                        LOG.warn("TREASURY_INSUFFICIENT: reward {} needs {} but only {} is available; payouts wait",
                                p.rewardId(), p.amount(), available.max(BigInteger.ZERO));
                        treasuryShortLogged = true;
                    }
                    break;
                }
                TxSigner.SignedTx signedTx = signer.sign(unsigned(p, next, current));
                store.recordAttempt(p.rewardId(), next, p.attempts() + 1, signedTx, current, now);
                available = available.subtract(p.amount());
                next++;
                count++;
            }
            if (count > 0) {
                treasuryShortLogged = false;
            }
            if (next != stored) {
                store.saveNextNonce(signer.address(), next, now);
            }
            return count;
        });
    }

    int broadcastSigned() {
        Instant now = clock.instant();
        int sent = 0;
        for (Payout p : store.withStatus(PayoutStatus.SIGNED, SCAN_LIMIT)) {
            List<PayoutStore.Attempt> attempts = store.attempts(p.rewardId());
            if (attempts.isEmpty()) {
                continue;
            }
            PayoutStore.Attempt latest = attempts.getFirst();
            if (latest.broadcastAt() != null && latest.broadcastAt().plus(settings.rebroadcastEvery()).isAfter(now)) {
                continue;
            }
            RpcClient.SendOutcome outcome = rpc.sendRawTransaction(latest.rawTx());
            switch (outcome.kind()) {
                case ACCEPTED, ALREADY_KNOWN, NONCE_TOO_LOW -> {
                    // NONCE_TOO_LOW: mined already (ours, or someone else's); the receipt check decides.
                    store.markBroadcast(latest.txHash(), now);
                    sent++;
                }
                case REPLACEMENT_UNDERPRICED -> {
                    LOG.info("Payout {} nonce {}: node holds a better-paying transaction with this nonce", p.rewardId(),
                            latest.nonce());
                    store.markBroadcast(latest.txHash(), now);
                }
                case REJECTED -> LOG.warn("Payout {} nonce {} refused by the node: {}", p.rewardId(), latest.nonce(),
                        outcome.message());
            }
        }
        return sent;
    }

    int checkReceipts() {
        Instant now = clock.instant();
        int mined = 0;
        Long finalizedNonce = null;
        for (Payout p : store.withStatus(PayoutStatus.SIGNED, SCAN_LIMIT)) {
            List<PayoutStore.Attempt> attempts = store.attempts(p.rewardId());
            Optional<RpcClient.Receipt> receipt = Optional.empty();
            for (PayoutStore.Attempt a : attempts) {
                receipt = rpc.receipt(a.txHash());
                if (receipt.isPresent()) {
                    break;
                }
            }
            if (receipt.isPresent()) {
                RpcClient.Receipt r = receipt.get();
                if (store.markMined(p.rewardId(), r.txHash(), r.blockNumber(), r.blockHash(), now)) {
                    mined++;
                }
                continue;
            }
            if (attempts.isEmpty() || attempts.getFirst().createdAt().plus(settings.stuckAfter()).isAfter(now)) {
                continue;
            }
            if (finalizedNonce == null) {
                finalizedNonce = finalizedNonce();
            }
            if (p.nonce() != null && p.nonce() < finalizedNonce) {
                LOG.warn("Payout {}: nonce {} was finalized by a transaction that is not ours; queued for a new nonce",
                        p.rewardId(), p.nonce());
                store.requeue(p.rewardId(), "nonce " + p.nonce() + " used by another transaction", now);
            }
        }
        return mined;
    }

    private long finalizedNonce() {
        try {
            return rpc.transactionCount(signer.address(), "finalized");
        } catch (RpcClient.RpcRejectedException e) {
            return -1;
        }
    }

    int replaceStuck() {
        Instant now = clock.instant();
        boolean any = store.withStatus(PayoutStatus.SIGNED, SCAN_LIMIT).stream()
                .anyMatch(p -> isStuck(p, now));
        if (!any) {
            return 0;
        }
        Fees current = fees.current();
        return tx.inTransaction(() -> {
            if (!tx.tryLock(WRITER_LOCK)) {
                return 0;
            }
            int replaced = 0;
            for (Payout p : store.withStatus(PayoutStatus.SIGNED, SCAN_LIMIT)) {
                List<PayoutStore.Attempt> attempts = store.attempts(p.rewardId());
                if (attempts.isEmpty() || !stuck(attempts.getFirst(), now)) {
                    continue;
                }
                PayoutStore.Attempt latest = attempts.getFirst();
                Optional<Fees> bumped = fees.policy().bump(latest.fees(), current);
                if (bumped.isEmpty()) {
                    LOG.warn("Payout {} nonce {} is stuck and the fee cap leaves no room for a replacement", p.rewardId(),
                            latest.nonce());
                    continue;
                }
                TxSigner.SignedTx signedTx = signer.sign(unsigned(p, latest.nonce(), bumped.get()));
                store.recordAttempt(p.rewardId(), latest.nonce(), latest.attempt() + 1, signedTx, bumped.get(), now);
                LOG.info("Payout {} nonce {}: replaced {} by {} (max fee {} -> {})", p.rewardId(), latest.nonce(),
                        latest.txHash(), signedTx.txHash(), latest.fees().maxFeePerGas(), bumped.get().maxFeePerGas());
                replaced++;
            }
            return replaced;
        });
    }

    private boolean isStuck(Payout p, Instant now) {
        List<PayoutStore.Attempt> attempts = store.attempts(p.rewardId());
        return !attempts.isEmpty() && stuck(attempts.getFirst(), now);
    }

    private boolean stuck(PayoutStore.Attempt latest, Instant now) {
        return !latest.createdAt().plus(settings.stuckAfter()).isAfter(now);
    }

    int settleFinal() {
        List<Payout> mined = store.withStatus(PayoutStatus.MINED, SCAN_LIMIT);
        if (mined.isEmpty()) {
            return 0;
        }
        long head = rpc.blockNumber();
        long finalized = finality.finalizedBlock(head);
        Instant now = clock.instant();
        int settled = 0;
        for (Payout p : mined) {
            if (p.minedBlock() == null || p.minedBlock() > finalized) {
                continue;
            }
            Optional<RpcClient.Receipt> receipt = rpc.receipt(p.txHash());
            if (receipt.isEmpty() || !receipt.get().blockHash().equals(p.minedBlockHash())) {
                LOG.warn("Payout {}: transaction {} is no longer in block {} (reorg); sending it again", p.rewardId(),
                        p.txHash(), p.minedBlock());
                store.unmine(p.rewardId(), now);
                continue;
            }
            boolean success = receipt.get().success();
            PayoutStatus to = success ? PayoutStatus.PAID : PayoutStatus.FAILED;
            String reason = success ? null : "token transfer reverted on chain";
            boolean done = tx.inTransaction(() -> {
                if (!store.settle(p.rewardId(), PayoutStatus.MINED, to, p.txHash(), reason, now)) {
                    return false;
                }
                outbox.publish(topics.settled(), ChainEvents.REWARD_SETTLED, p.rewardId().toString(),
                        new ChainEvents.RewardSettled(p.rewardId(), to.name(), p.txHash(), reason));
                return true;
            });
            if (done) {
                settled++;
            }
        }
        return settled;
    }

    private TxSigner.UnsignedTx unsigned(Payout p, long nonce, Fees f) {
        return new TxSigner.UnsignedTx(settings.chainId(), nonce, settings.tokenAddress(),
                token.encodeTransfer(p.wallet(), p.amount()), settings.gasLimit(), f.maxFeePerGas(),
                f.maxPriorityFeePerGas());
    }

    private BigInteger tokenBalance() {
        return token.decodeUint256(rpc.call(settings.tokenAddress(), token.encodeBalanceOf(signer.address())));
    }

    /** Exposed for the worker's shutdown log. */
    public Duration stuckAfter() {
        return settings.stuckAfter();
    }
}
