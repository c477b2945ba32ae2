package ore.chain.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import ore.chain.app.port.BudgetLedger;
import ore.chain.domain.budget.BudgetPeriod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's side of an RPC endpoint's request budget: so many requests per UTC day and per UTC
 * calendar month (0 = unlimited), counted in a {@link BudgetLedger} that every instance shares.
 *
 * <p>A call takes one request from a block leased from the ledger ({@link BudgetSettings#leaseSize()}
 * at a time, never more than the period has left); only when the block is used up is the ledger asked
 * for the next one, so the ledger sees one round trip per block, not per call. A call needs room in
 * both the day and the month. When the ledger grants nothing the endpoint is spent: {@link #tryAcquire}
 * answers false, without asking the ledger again for {@link BudgetSettings#recheck()} (another instance
 * may give back its block at shutdown) or until the period ends.
 *
 * <p><b>Ledger unreachable: fail closed.</b> A block already leased is still spent; after it, the
 * endpoint is treated as spent (the caller fails over to the next endpoint) and the ledger is tried
 * again every {@code recheck}. The budget exists to cap the spend at a paid provider, and the
 * database this ledger lives in is the one payouts and the indexer need for every step anyway.
 *
 * <p><b>Leftovers.</b> {@link #close()} (graceful shutdown) gives the unused part of the current
 * blocks back, best effort; an instance that dies loses them: they stay counted as spent
 * (conservative), at most {@code leaseSize} per period and instance.
 */
public final class RequestBudget implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBudget.class);

    private final String name;
    private final String ledgerKey;
    private final BudgetLedger ledger;
    private final long leaseSize;
    private final Duration recheck;
    private final Clock clock;
    private final Allowance day;
    private final Allowance month;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long leases;
    private volatile long ledgerFailures;
    private boolean ledgerDown;

    /**
     * @param name      the endpoint's name, for logs ({@code primary}, {@code fallback-1})
     * @param ledgerKey what the ledger counts this endpoint's requests under (the same for every instance)
     * @param perDay    requests per UTC day, 0 = unlimited
     * @param perMonth  requests per UTC month, 0 = unlimited
     */
    public RequestBudget(String name, String ledgerKey, long perDay, long perMonth, BudgetSettings settings,
                         Clock clock) {
        if (perDay < 0 || perMonth < 0) {
            throw new IllegalArgumentException("budgets must be >= 0 (0 = unlimited)");
        }
        this.name = name;
        this.ledgerKey = ledgerKey;
        this.ledger = settings.ledger();
        this.leaseSize = settings.leaseSize();
        this.recheck = settings.recheck();
        this.clock = clock;
        this.day = new Allowance(BudgetPeriod.DAY, perDay);
        this.month = new Allowance(BudgetPeriod.MONTH, perMonth);
    }

    /** True when neither the day nor the month has a limit: no ledger is ever asked. */
    public boolean unlimited() {
        return day.limit == 0 && month.limit == 0;
    }

    /** Takes one request; false when the day's or the month's budget is spent or cannot be checked. */
    public boolean tryAcquire() {
        if (unlimited()) {
            return true;
        }
        lock.lock();
        try {
            Instant now = clock.instant();
            // The day first: when the day is spent no month block is leased that would then sit idle.
            if (!day.ready(now) || !month.ready(now)) {
                return false;
            }
            day.take();
            month.take();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Requests left in the period as this instance sees it (its own block included); -1 when unlimited. */
    public long remaining(BudgetPeriod period) {
        Allowance a = period == BudgetPeriod.DAY ? day : month;
        if (a.limit == 0) {
            return -1;
        }
        Instant now = clock.instant();
        // Never wait for a lease in progress: a gauge reads this.
        if (lock.tryLock()) {
            try {
                a.refreshIfStale(now);
            } finally {
                lock.unlock();
            }
        }
        return a.remaining(now);
    }

    /** The smaller of the day's and the month's remainder; -1 when unlimited. */
    public long remaining() {
        long d = remaining(BudgetPeriod.DAY);
        long m = remaining(BudgetPeriod.MONTH);
        if (d < 0) {
            return m;
        }
        return m < 0 ? d : Math.min(d, m);
    }

    /** Blocks leased from the ledger so far (both periods). */
    public long leases() {
        return leases;
    }

    /** Ledger calls that failed so far. */
    public long ledgerFailures() {
        return ledgerFailures;
    }

    /** Gives the unused part of the current blocks back to the ledger (best effort). */
    @Override
    public void close() {
        lock.lock();
        try {
            Instant now = clock.instant();
            Stream.of(day, month).forEach(a -> a.giveBack(now));
        } finally {
            lock.unlock();
        }
    }

    private void ledgerFailed(RuntimeException e) {
        ledgerFailures++;
        if (!ledgerDown) {
            ledgerDown = true;
            LOG.warn("RPC endpoint {}: request budget ledger unreachable ({}); the endpoint is skipped once its "
                    + "leased requests are spent (fail closed), the ledger is tried again every {}", name,
                    e.getMessage(), recheck);
        }
    }

    private void ledgerAnswered() {
        if (ledgerDown) {
            ledgerDown = false;
            LOG.info("RPC endpoint {}: request budget ledger reachable again", name);
        }
    }

    /** One period's share: the local block and what the ledger said last. Mutated under {@link #lock}. */
    private final class Allowance {

        private final BudgetPeriod period;
        private final long limit;
        private volatile View view = new View("", 0, 0, null);
        private Instant askAgainAt;
        private boolean spentLogged;

        /** Lock-free snapshot for the gauges. {@code seenAt}: when the ledger last told us its count. */
        private record View(String key, long local, long ledgerSpent, Instant seenAt) {
        }

        Allowance(BudgetPeriod period, long limit) {
            this.period = period;
            this.limit = limit;
        }

        /** Has a request of this period in hand, leasing a block when the last one is used up. */
        boolean ready(Instant now) {
            if (limit == 0) {
                return true;
            }
            roll(now);
            if (view.local() > 0) {
                return true;
            }
            if (askAgainAt != null && now.isBefore(askAgainAt)) {
                return false;
            }
            BudgetLedger.Lease lease;
            try {
                lease = ledger.lease(ledgerKey, view.key(), limit, leaseSize, now);
            } catch (RuntimeException e) {
                askAgainAt = now.plus(recheck);
                ledgerFailed(e);
                return false;
            }
            ledgerAnswered();
            leases++;
            view = new View(view.key(), lease.granted(), lease.spent(), now);
            if (lease.granted() == 0) {
                Instant end = period.end(now);
                askAgainAt = now.plus(recheck).isBefore(end) ? now.plus(recheck) : end;
                if (!spentLogged) {
                    spentLogged = true;
                    LOG.warn("RPC endpoint {}: {} request budget of {} spent ({} counted for {}); skipped until {} "
                            + "unless another instance gives requests back", name, period.label(), limit, lease.spent(),
                            view.key(), end);
                }
                return false;
            }
            askAgainAt = null;
            spentLogged = false;
            return true;
        }

        void take() {
            if (limit > 0) {
                View v = view;
                view = new View(v.key(), v.local() - 1, v.ledgerSpent(), v.seenAt());
            }
        }

        /** A new period starts empty: the rest of the old block is of no use any more. */
        private void roll(Instant now) {
            String key = period.key(now);
            if (!key.equals(view.key())) {
                view = new View(key, 0, 0, null);
                askAgainAt = null;
                spentLogged = false;
            }
        }

        void refreshIfStale(Instant now) {
            roll(now);
            View v = view;
            boolean stale = v.seenAt() == null || !now.isBefore(v.seenAt().plus(recheck));
            if (!stale || (askAgainAt != null && now.isBefore(askAgainAt) && ledgerDown)) {
                return;
            }
            try {
                long spent = ledger.spent(ledgerKey, v.key());
                ledgerAnswered();
                view = new View(v.key(), v.local(), spent, now);
            } catch (RuntimeException e) {
                askAgainAt = now.plus(recheck);
                ledgerFailed(e);
            }
        }

        long remaining(Instant now) {
            View v = view;
            if (!v.key().equals(period.key(now))) {
                return limit;
            }
            return Math.max(0, limit - v.ledgerSpent()) + v.local();
        }

        void giveBack(Instant now) {
            View v = view;
            if (limit == 0 || v.local() == 0 || !v.key().equals(period.key(now))) {
                return;
            }
            try {
                ledger.giveBack(ledgerKey, v.key(), v.local(), now);
                view = new View(v.key(), 0, v.ledgerSpent() - v.local(), v.seenAt());
            } catch (RuntimeException e) {
                ledgerFailures++;
                LOG.warn("RPC endpoint {}: could not give {} unused requests of the {} back ({}); they stay counted "
                        + "as spent", name, v.local(), period.label(), e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "RequestBudget[" + name + " (" + ledgerKey + "), day " + day.limit + ", month " + month.limit + "]";
    }
}
