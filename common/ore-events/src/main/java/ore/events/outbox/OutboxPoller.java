package ore.events.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link OutboxRelay#relayOnce()} every {@code ore.outbox.poll-interval}, back to back while
 * full batches come out, on one virtual thread. On shutdown it lets the batch in flight finish (so it
 * is committed or rolled back, never cut off between send and commit) and then stops.
 */
@Singleton
@Requires(property = OutboxSettings.PREFIX + ".schema")
@Requires(property = OutboxSettings.PREFIX + ".enabled", notEquals = "false")
public final class OutboxPoller {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPoller.class);

    private final OutboxRelay relay;
    private final OutboxSettings settings;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;

    public OutboxPoller(OutboxRelay relay, OutboxSettings settings) {
        this.relay = relay;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (executor != null || stopping) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ore-outbox-relay").factory());
        long interval = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("outbox relay for schema {} started, polling every {}", settings.schema(), settings.pollInterval());
    }

    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }

    @PreDestroy
    public synchronized void stop() {
        stopping = true;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            long waitMillis = settings.sendTimeout().plusSeconds(5).toMillis();
            if (!executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("outbox relay for schema {} did not finish its batch in time; interrupting", settings.schema());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("outbox relay for schema {} stopped", settings.schema());
    }

    private void drain() {
        try {
            // A full batch means more may be waiting: keep going instead of sleeping a poll interval.
            int sent;
            do {
                sent = relay.relayOnce();
            } while (sent == settings.batchSize() && !stopping);
        } catch (RuntimeException e) {
            // An exception escaping a scheduled task would cancel all later runs without a trace.
            LOG.error("outbox relay for schema {}: unexpected failure, retrying next poll", settings.schema(), e);
        }
    }
}
