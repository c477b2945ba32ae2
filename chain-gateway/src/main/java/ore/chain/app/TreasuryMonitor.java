package ore.chain.app;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import ore.chain.app.port.PayoutStore;
import ore.chain.app.port.RpcClient;
import ore.chain.app.port.TokenCodec;
import ore.chain.app.port.TxSigner;
import ore.chain.domain.payout.PayoutStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches whether the treasury can cover what it owes: its token balance against the payouts not yet
 * on chain (queued and signed; mined ones have already left the balance). When it cannot, the service
 * reports DEGRADED on {@code /health} and logs {@code TREASURY_UNDERFUNDED} (once per episode, then every
 * {@code REPEAT_LOG}), so an operator tops it up before players wait.
 */
public final class TreasuryMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(TreasuryMonitor.class);
    private static final java.time.Duration REPEAT_LOG = java.time.Duration.ofMinutes(10);
    private static final List<PayoutStatus> OWED = List.of(PayoutStatus.QUEUED, PayoutStatus.SIGNED);

    public record Snapshot(BigInteger tokenBalance, BigInteger gasBalance, BigInteger owed, long queued, long signed,
                           long mined, boolean covered, Instant at) {
    }

    private final RpcClient rpc;
    private final TokenCodec token;
    private final TxSigner signer;
    private final PayoutStore store;
    private final String tokenAddress;
    private final Clock clock;
    private volatile Snapshot last;
    private Instant loggedAt;

    public TreasuryMonitor(RpcClient rpc, TokenCodec token, TxSigner signer, PayoutStore store, String tokenAddress,
                           Clock clock) {
        this.rpc = rpc;
        this.token = token;
        this.signer = signer;
        this.store = store;
        this.tokenAddress = tokenAddress;
        this.clock = clock;
    }

    public Snapshot refresh() {
        BigInteger balance = token.decodeUint256(rpc.call(tokenAddress, token.encodeBalanceOf(signer.address())));
        BigInteger gas = rpc.balance(signer.address());
        BigInteger owed = store.totalAmount(OWED);
        Instant now = clock.instant();
        Snapshot s = new Snapshot(balance, gas, owed, store.count(PayoutStatus.QUEUED), store.count(PayoutStatus.SIGNED),
                store.count(PayoutStatus.MINED), balance.compareTo(owed) >= 0, now);
        synchronized (this) {
            if (!s.covered() && (loggedAt == null || loggedAt.plus(REPEAT_LOG).isBefore(now))) {
                LOG.error("TREASURY_UNDERFUNDED: token balance {} cannot cover {} owed by {} pending payouts",
                        balance, owed, s.queued() + s.signed());
                loggedAt = now;
            } else if (s.covered() && loggedAt != null) {
                LOG.info("Treasury covers pending payouts again (balance {}, owed {})", balance, owed);
                loggedAt = null;
            }
        }
        last = s;
        return s;
    }

    /** The latest snapshot, or null before the first refresh. */
    public Snapshot last() {
        return last;
    }
}
