package ore.chain.adapter.in.worker;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import ore.chain.app.ChainIndexer;
import ore.chain.app.PayoutProcessor;
import ore.chain.app.TreasuryMonitor;
import ore.chain.app.port.RpcClient;
import ore.chain.config.ChainSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the payout processor, the indexer and the treasury monitor, each in its own loop on a virtual
 * thread (they block on sockets: JSON-RPC and PostgreSQL). A loop that did work goes again at once;
 * an idle one sleeps its poll interval; a failing one logs and backs off. On shutdown each loop
 * finishes the tick in flight (so no transaction is cut off) and stops.
 */
@Singleton
@Requires(property = "ore.chain.workers.enabled", notEquals = "false")
public class ChainWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(ChainWorkers.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final PayoutProcessor payouts;
    private final ChainIndexer indexer;
    private final TreasuryMonitor treasury;
    private final ChainSettings.Payouts payoutSettings;
    private final ChainSettings.Indexer indexerSettings;
    private final List<Thread> threads = new ArrayList<>();
    /** Counted down by {@link #stop()}: wakes every worker waiting between ticks at once. */
    private final java.util.concurrent.CountDownLatch stopSignal = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean stopping;

    public ChainWorkers(PayoutProcessor payouts, ChainIndexer indexer, TreasuryMonitor treasury,
                        ChainSettings.Payouts payoutSettings, ChainSettings.Indexer indexerSettings) {
        this.payouts = payouts;
        this.indexer = indexer;
        this.treasury = treasury;
        this.payoutSettings = payoutSettings;
        this.indexerSettings = indexerSettings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (!threads.isEmpty() || stopping) {
            return;
        }
        if (payoutSettings.enabled()) {
            threads.add(loop("chain-payouts", payoutSettings.pollInterval(), () -> payouts.tick().total() > 0));
            threads.add(loop("chain-treasury", payoutSettings.treasuryRefresh(), () -> {
                treasury.refresh();
                return false;
            }));
        }
        if (indexerSettings.enabled()) {
            threads.add(loop("chain-indexer", indexerSettings.pollInterval(), () -> {
                ChainIndexer.Tick t = indexer.tick();
                return t.blocks() > 0 || t.rolledBack() > 0;
            }));
        }
        LOG.info("chain workers started: payouts={}, indexer={}", payoutSettings.enabled(), indexerSettings.enabled());
    }

    /** Virtual threads: each tick blocks only on sockets (JDBC, JSON-RPC over HTTP), never on pipes or files. */
    private Thread loop(String name, Duration idle, Supplier<Boolean> tick) {
        return Thread.ofVirtual().name(name).start(() -> {
            Duration backoff = idle;
            while (!stopping) {
                try {
                    boolean busy = tick.get();
                    backoff = idle;
                    if (!busy) {
                        sleep(idle);
                    }
                } catch (RpcClient.RpcUnavailableException e) {
                    LOG.warn("{}: no RPC endpoint available ({}); retrying in {}", name, e.getMessage(), backoff);
                    sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                } catch (RuntimeException e) {
                    LOG.error("{}: tick failed; retrying in {}", name, backoff, e);
                    sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                }
            }
        });
    }

    /** Waits between ticks; returns at once when the service stops (the treasury waits 15 s otherwise). */
    private void sleep(Duration d) {
        try {
            if (stopSignal.await(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS)) {
                stopping = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Lets each worker finish the tick it is in (a payout half-written is what the restart logic
     * recovers, but a finished one is cheaper), all within one shared deadline, then interrupts the
     * rest: the whole stop stays well inside the service's graceful-shutdown time.
     */
    @PreDestroy
    public synchronized void stop() {
        stopping = true;
        stopSignal.countDown();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread t : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    LOG.warn("{} did not finish its tick in time; interrupting", t.getName());
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        LOG.info("chain workers stopped");
    }
}
