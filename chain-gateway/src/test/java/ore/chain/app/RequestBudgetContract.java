package ore.chain.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import ore.chain.app.port.BudgetLedger;
import ore.chain.domain.budget.BudgetPeriod;
import ore.chain.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of request budgets over every {@link BudgetLedger}: what {@link RequestBudget}s that
 * share a ledger may spend together, across "instances" (each {@link #connect()} is what a new process
 * would open on the same store), restarts, day and month roll-overs and concurrent callers. Every
 * test counts under an endpoint key of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RequestBudgetContract {

    protected static final Duration RECHECK = Duration.ofSeconds(15);

    /** A handle on the shared store, as one more gateway instance would open it. */
    protected abstract BudgetLedger connect();

    protected static String endpoint() {
        return "ep-" + UUID.randomUUID().toString().substring(0, 8) + ".example:443";
    }

    protected RequestBudget budget(BudgetLedger ledger, String endpoint, long perDay, long perMonth, long lease,
                                   MutableClock clock) {
        return new RequestBudget("test", endpoint, perDay, perMonth, new BudgetSettings(ledger, lease, RECHECK), clock);
    }

    protected static long drain(RequestBudget budget, long max) {
        long n = 0;
        while (n < max && budget.tryAcquire()) {
            n++;
        }
        return n;
    }

    @Test
    void theLedgerIsAskedOncePerBlockNotPerCall() {
        BudgetLedger ledger = connect();
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        RequestBudget b = budget(ledger, ep, 1000, 0, 200, clock);
        assertThat(drain(b, 5000)).isEqualTo(1000);
        assertThat(b.tryAcquire()).isFalse();
        // 5 blocks of 200, then one lease that got nothing; the refusal after it is answered locally.
        assertThat(b.leases()).isEqualTo(6);
        assertThat(ledger.spent(ep, "2025-06-14")).isEqualTo(1000);
        assertThat(b.remaining(BudgetPeriod.DAY)).isZero();
        assertThat(b.remaining(BudgetPeriod.MONTH)).isEqualTo(-1);
        assertThat(b.remaining()).isZero();
    }

    @Test
    void twoInstancesNeverSpendMoreThanTheBudgetTogether() {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        RequestBudget a = budget(connect(), ep, 1000, 0, 64, clock);
        RequestBudget b = budget(connect(), ep, 1000, 0, 64, clock);
        long spentA = 0;
        long spentB = 0;
        boolean more = true;
        while (more && spentA + spentB < 10_000) {          // bounded: a broken ledger must fail, not hang
            boolean okA = a.tryAcquire();
            boolean okB = b.tryAcquire();
            spentA += okA ? 1 : 0;
            spentB += okB ? 1 : 0;
            more = okA || okB;
        }
        assertThat(spentA + spentB).isEqualTo(1000);
        assertThat(spentA).isPositive();
        assertThat(spentB).isPositive();
        assertThat(connect().spent(ep, "2025-06-14")).isEqualTo(1000);
    }

    @Test
    void aRestartContinuesFromTheStoredCount() {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        RequestBudget first = budget(connect(), ep, 1000, 5000, 200, clock);
        assertThat(drain(first, 300)).isEqualTo(300);
        first.close();                                   // graceful: the unused 100 of the second block go back
        BudgetLedger ledger = connect();
        assertThat(ledger.spent(ep, "2025-06-14")).isEqualTo(300);
        assertThat(ledger.spent(ep, "2025-06")).isEqualTo(300);

        RequestBudget second = budget(ledger, ep, 1000, 5000, 200, clock);
        assertThat(second.remaining(BudgetPeriod.DAY)).isEqualTo(700);
        assertThat(second.remaining(BudgetPeriod.MONTH)).isEqualTo(4700);
        assertThat(drain(second, 5000)).isEqualTo(700);
    }

    @Test
    void anInstanceThatDiesLeavesItsUnusedBlockCountedAsSpent() {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        RequestBudget dead = budget(connect(), ep, 1000, 0, 200, clock);
        assertThat(drain(dead, 300)).isEqualTo(300);   // 400 leased; no close(): a crash
        RequestBudget next = budget(connect(), ep, 1000, 0, 200, clock);
        assertThat(drain(next, 5000)).isEqualTo(600);
    }

    @Test
    void aBlockLargerThanTheRemainderGetsTheRemainderOnly() {
        BudgetLedger ledger = connect();
        String ep = endpoint();
        Instant now = Instant.parse("2025-06-14T10:00:00Z");
        assertThat(ledger.lease(ep, "2025-06-14", 150, 200, now)).isEqualTo(new BudgetLedger.Lease(150, 150));
        assertThat(ledger.lease(ep, "2025-06-14", 150, 200, now)).isEqualTo(new BudgetLedger.Lease(0, 150));
        assertThat(ledger.lease(ep, "2025-06-14", 160, 200, now)).as("a raised limit").isEqualTo(new BudgetLedger.Lease(10, 160));
        assertThat(ledger.lease(ep, "2025-06-14", 100, 200, now)).as("a lowered limit").isEqualTo(new BudgetLedger.Lease(0, 160));

        String ep2 = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        RequestBudget a = budget(connect(), ep2, 150, 0, 200, clock);
        RequestBudget b = budget(connect(), ep2, 150, 0, 200, clock);
        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).as("a took all 150 in its first block").isFalse();
        assertThat(drain(a, 1000)).isEqualTo(149);
    }

    @Test
    void bothTheDayAndTheMonthMustHaveRoomAndBothRollOverInUtc() {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-01-31T23:59:00Z");
        RequestBudget b = budget(connect(), ep, 100, 150, 40, clock);
        assertThat(drain(b, 1000)).as("the day's 100").isEqualTo(100);

        clock.set("2025-02-01T00:00:01Z");                // a new day and a new month
        assertThat(b.remaining(BudgetPeriod.DAY)).isEqualTo(100);
        assertThat(b.remaining(BudgetPeriod.MONTH)).isEqualTo(150);
        assertThat(drain(b, 1000)).isEqualTo(100);
        clock.set("2025-02-02T08:00:00Z");                // a new day, same month: 50 left in February
        assertThat(drain(b, 1000)).isEqualTo(50);
        assertThat(b.remaining(BudgetPeriod.DAY)).isEqualTo(50);
        assertThat(b.remaining()).isZero();
        clock.set("2025-02-28T23:59:59Z");
        assertThat(b.tryAcquire()).as("the month stays spent").isFalse();
        clock.set("2025-03-01T00:00:00Z");
        assertThat(b.tryAcquire()).isTrue();

        BudgetLedger ledger = connect();
        assertThat(ledger.spent(ep, "2025-01-31")).isEqualTo(100);
        assertThat(ledger.spent(ep, "2025-01")).isGreaterThanOrEqualTo(100);
        assertThat(ledger.spent(ep, "2025-02-01")).isEqualTo(100);
        assertThat(ledger.spent(ep, "2025-02")).isEqualTo(150);
        // A restarted instance sees February's spend, not the full budget.
        clock.set("2025-02-20T12:00:00Z");
        assertThat(drain(budget(ledger, ep, 100, 150, 40, clock), 1000)).isZero();
    }

    @Test
    void aSpentBudgetIsAskedAgainAfterTheRecheckAndFindsWhatWasGivenBack() {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        RequestBudget a = budget(connect(), ep, 200, 0, 200, clock);
        RequestBudget b = budget(connect(), ep, 200, 0, 200, clock);
        assertThat(drain(a, 50)).isEqualTo(50);
        assertThat(b.tryAcquire()).isFalse();
        long leases = b.leases();
        a.close();                                       // gives 150 back
        assertThat(b.tryAcquire()).as("not asked again before the recheck").isFalse();
        assertThat(b.leases()).isEqualTo(leases);
        clock.advance(RECHECK);
        assertThat(drain(b, 1000)).isEqualTo(150);
    }

    @Test
    void remainingCountsOwnBlockAndWhatOthersTook() {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        RequestBudget a = budget(connect(), ep, 1000, 0, 200, clock);
        RequestBudget b = budget(connect(), ep, 1000, 0, 200, clock);
        assertThat(a.remaining(BudgetPeriod.DAY)).isEqualTo(1000);
        assertThat(drain(a, 10)).isEqualTo(10);
        assertThat(a.remaining(BudgetPeriod.DAY)).isEqualTo(990);   // 800 in the ledger + 190 in hand
        assertThat(drain(b, 1)).isEqualTo(1);
        clock.advance(RECHECK);                          // a's figure is refreshed from the ledger
        assertThat(a.remaining(BudgetPeriod.DAY)).isEqualTo(790);   // b holds 200 (199 unused) too
    }

    @Test
    void concurrentSpendersOnTwoInstancesGiveAnExactTotal() throws Exception {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        List<RequestBudget> instances = List.of(budget(connect(), ep, 5000, 8000, 37, clock),
                budget(connect(), ep, 5000, 8000, 37, clock));
        AtomicLong total = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                RequestBudget b = instances.get(t % 2);
                workers.add(pool.submit(() -> {
                    start.await();
                    long mine = 0;
                    while (total.get() < 50_000 && b.tryAcquire()) {
                        mine++;
                        total.incrementAndGet();
                    }
                    return mine;
                }));
            }
            start.countDown();
            long sum = 0;
            for (Future<Long> w : workers) {
                sum += w.get();
            }
            assertThat(sum).isEqualTo(5000);
        }
        assertThat(total.get()).isEqualTo(5000);
        BudgetLedger ledger = connect();
        assertThat(ledger.spent(ep, "2025-06-14")).isEqualTo(5000);
        assertThat(ledger.spent(ep, "2025-06")).as("month blocks still held count as taken").isBetween(5000L, 5000L + 2 * 37);
        instances.forEach(RequestBudget::close);
        assertThat(ledger.spent(ep, "2025-06")).as("given back at close").isEqualTo(5000);
    }

    @Test
    void anUnlimitedBudgetNeverAsksTheLedger() {
        String ep = endpoint();
        RequestBudget b = budget(connect(), ep, 0, 0, 200, MutableClock.at("2025-06-14T10:00:00Z"));
        assertThat(drain(b, 10_000)).isEqualTo(10_000);
        assertThat(b.leases()).isZero();
        assertThat(b.remaining()).isEqualTo(-1);
        assertThat(connect().spent(ep, "2025-06-14")).isZero();
    }
}
