package ore.events.inbox;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ore.events.jooq.JdbcTransaction;
import ore.events.outbox.OutboxSettings;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes {@code <schema>.processed_event} rows processed more than {@code ore.inbox.retention} ago
 * (why that is safe: {@link InboxSettings}), every {@code ore.inbox.prune-interval}, on one virtual
 * thread (the work is JDBC socket I/O) that never overlaps itself.
 *
 * <p>Bounded: each statement deletes at most {@code prune-batch-size} rows in its own short
 * transaction, found through {@code processed_event_processed_at_idx}, and a run loops until a batch
 * comes out smaller. Only old rows are locked, which no consumer inserts again within the retention.
 * Each batch first takes a transaction-scoped advisory lock derived from the schema; when another
 * instance holds it, this run stops (that instance is pruning). Deleting is idempotent either way.
 * The cutoff is the database's clock, the one that wrote {@code processed_at}.
 */
@Singleton
@Requires(property = OutboxSettings.PREFIX + ".schema")
@Requires(property = InboxSettings.PREFIX + ".prune-enabled", notEquals = "false")
public final class InboxPruner {

    private static final Logger LOG = LoggerFactory.getLogger(InboxPruner.class);
    /** Not at start-up, where the service has better things to do; soon enough for short-lived tasks. */
    private static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

    private final DSLContext dsl;
    private final InboxSettings settings;
    private final String schema;
    private final Table<Record> table;
    private final long lockKey;
    private final Counter pruned;
    private final Counter failures;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;

    public InboxPruner(DSLContext dsl, OutboxSettings outbox, InboxSettings settings, MeterRegistry meters) {
        this.dsl = dsl;
        this.settings = settings;
        this.schema = outbox.schema();
        this.table = ProcessedEvents.table(schema);
        this.lockKey = lockKey(schema);
        Tags tags = Tags.of("schema", schema);
        this.pruned = Counter.builder("ore.inbox.pruned").tags(tags)
                .description("processed_event rows deleted after ore.inbox.retention").register(meters);
        this.failures = Counter.builder("ore.inbox.prune_failures").tags(tags)
                .description("Pruning runs of processed_event that failed (retried next interval)").register(meters);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (executor != null || stopping) {
            return;
        }
        if (settings.retention().compareTo(InboxSettings.LONGEST_REDELIVERY) < 0) {
            LOG.warn("{}.retention is {}, shorter than the {} a duplicate can still arrive in (topic retention plus "
                    + "a segment's roll time): an event redelivered after its row was pruned is applied again",
                    InboxSettings.PREFIX, settings.retention(), InboxSettings.LONGEST_REDELIVERY);
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ore-inbox-pruner").factory());
        long interval = settings.pruneInterval().toMillis();
        long first = Math.min(interval, FIRST_RUN_AFTER.toMillis());
        // Fixed delay: a run that takes longer than the interval pushes the next one back, never overlaps it.
        executor.scheduleWithFixedDelay(this::runScheduled, first, interval, TimeUnit.MILLISECONDS);
        LOG.info("processed_event pruning for schema {} started: rows older than {}, every {}", schema,
                settings.retention(), settings.pruneInterval());
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
            // A batch is one short statement; the loop checks `stopping` between batches.
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One run: deletes expired rows batch after batch until a batch comes out smaller than
     * {@code prune-batch-size}, another instance holds the lock, or the pruner is stopping.
     *
     * @return the rows deleted
     */
    public long pruneOnce() {
        long start = System.nanoTime();
        long total = 0;
        int batches = 0;
        int deleted;
        do {
            Integer n = JdbcTransaction.run(dsl, this::deleteBatch);
            if (n == null) {
                break;          // another instance is pruning this schema
            }
            deleted = n;
            total += deleted;
            batches++;
            pruned.increment(deleted);
        } while (deleted == settings.pruneBatchSize() && !stopping);
        if (total > 0) {
            LOG.info("processed_event pruning for schema {}: deleted {} rows processed more than {} ago, "
                    + "in {} batches, {} ms", schema, total, settings.retention(), batches,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        return total;
    }

    /** @return the rows deleted, or null when another instance holds the lock */
    private Integer deleteBatch(DSLContext tx) {
        if (!Boolean.TRUE.equals(tx.select(DSL.function(name("pg_try_advisory_xact_lock"), SQLDataType.BOOLEAN,
                val(lockKey))).fetchOne(0))) {
            return null;
        }
        // DELETE has no LIMIT in PostgreSQL: pick the batch's row addresses (an index range scan), then
        // delete exactly those (a TID scan). Rows are never updated, so an address cannot move meanwhile.
        return tx.execute("delete from {0} where ctid = any(array("
                        + "select ctid from {0} where {1} < now() - {2} * interval '1 millisecond' limit {3}))",
                table, ProcessedEvents.PROCESSED_AT, val(settings.retention().toMillis()),
                inline(settings.pruneBatchSize()));
    }

    private void runScheduled() {
        try {
            pruneOnce();
        } catch (RuntimeException e) {
            // An exception escaping a scheduled task would cancel all later runs without a trace.
            failures.increment();
            LOG.warn("processed_event pruning for schema {} failed, retrying in {}: {}", schema,
                    settings.pruneInterval(), e.toString());
        }
    }

    /** A stable 64-bit key per schema, distinct from the outbox relay's. */
    static long lockKey(String schema) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("ore.inbox.prune:" + schema).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
