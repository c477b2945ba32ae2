package ore.events.outbox;

import static ore.events.outbox.OutboxTable.CLOCK_TIMESTAMP;
import static ore.events.outbox.OutboxTable.CREATED_AT;
import static ore.events.outbox.OutboxTable.ENVELOPE;
import static ore.events.outbox.OutboxTable.EVENT_KEY;
import static ore.events.outbox.OutboxTable.ID;
import static ore.events.outbox.OutboxTable.PUBLISHED_AT;
import static ore.events.outbox.OutboxTable.TOPIC;
import static ore.events.outbox.OutboxTable.TRACEPARENT;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import ore.core.trace.TraceContext;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends committed outbox rows to Kafka, one batch per {@link #relayOnce()} call ({@link OutboxPoller}
 * calls it on a schedule).
 *
 * <p>Contract. Delivery is at-least-once: a batch is marked published only after Kafka acknowledged
 * every record ({@code acks=all}, idempotent producer), so a crash or timeout between the send and the
 * commit sends the batch again; consumers deduplicate on the envelope id. Ordering is per key while a
 * single relay is active: each batch runs under a transaction-scoped advisory lock derived from the
 * schema, so across all instances of a service one relay sends at a time, in {@code created_at}
 * order, and Kafka keeps records of one key in one partition. A retried batch may repeat records
 * already delivered, never reorder first deliveries.
 *
 * <p>Record: key = {@code event_key}, value = the envelope JSON, header {@code traceparent}.
 */
@Singleton
@Requires(property = OutboxSettings.PREFIX + ".schema")
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Deleting old rows scans the table; a few times an hour is plenty for a 7-day retention. */
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(5);

    private final DSLContext dsl;
    private final Producer<String, String> producer;
    private final OutboxSettings settings;
    private final Table<Record> outbox;
    private final long lockKey;
    private final AtomicLong lag;
    private final Counter published;
    private final Counter failures;
    private volatile Instant nextCleanup = Instant.MIN;

    /**
     * @param producer the {@code ore-outbox} client: {@code kafka.*} and {@code kafka.producers.ore-outbox.*}
     *                 settings (bootstrap, TLS, MSK IAM) apply; it never blocks on metadata for longer
     *                 than {@code ore.outbox.send-timeout}, so an unreachable cluster cannot hold the
     *                 lock and the database connection for the client's 60 s default
     */
    public OutboxRelay(DSLContext dsl,
                       @KafkaClient(id = "ore-outbox", acks = KafkaClient.Acknowledge.ALL,
                               maxBlock = "${ore.outbox.send-timeout:10s}",
                               properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
                       Producer<String, String> producer,
                       OutboxSettings settings,
                       MeterRegistry meters) {
        this.dsl = dsl;
        this.producer = producer;
        this.settings = settings;
        this.outbox = OutboxTable.in(settings.schema());
        this.lockKey = lockKey(settings.schema());
        Tags tags = Tags.of("schema", settings.schema());
        this.lag = meters.gauge("ore.outbox.lag", tags, new AtomicLong());
        this.published = Counter.builder("ore.outbox.published").tags(tags)
                .description("Outbox events acknowledged by Kafka").register(meters);
        this.failures = Counter.builder("ore.outbox.failures").tags(tags)
                .description("Outbox batches rolled back because Kafka did not acknowledge them").register(meters);
    }

    /**
     * Sends at most one batch and marks it published, in one transaction.
     *
     * @return the number of events published; 0 when there was nothing to send, another relay holds the
     *         lock, or the batch failed (it is rolled back, counted in {@code ore.outbox.failures} and
     *         retried by the next call)
     */
    public int relayOnce() {
        int sent = 0;
        try {
            sent = dsl.transactionResult(c -> relayBatch(c.dsl()));
            published.increment(sent);
        } catch (RuntimeException e) {
            failures.increment();
            // Never the payload: it may hold personal data. The schema and error are enough to act on.
            LOG.warn("outbox relay for schema {}: batch rolled back, will retry: {}", settings.schema(), describe(e));
        }
        refreshLag();
        return sent;
    }

    /** Events committed but not yet published, as measured at the end of the last {@link #relayOnce()}. */
    public long lag() {
        return lag.get();
    }

    private int relayBatch(DSLContext tx) {
        if (!tryLock(tx)) {
            return 0;
        }
        Result<Record5<UUID, String, String, JSONB, String>> rows = tx
                .select(ID, TOPIC, EVENT_KEY, ENVELOPE, TRACEPARENT)
                .from(outbox)
                .where(PUBLISHED_AT.isNull())
                .orderBy(CREATED_AT, ID)
                .limit(settings.batchSize())
                .forUpdate()
                .fetch();
        if (!rows.isEmpty()) {
            send(rows);
            tx.update(outbox).set(PUBLISHED_AT, CLOCK_TIMESTAMP).where(ID.in(rows.getValues(ID))).execute();
        }
        deleteExpired(tx);
        return rows.size();
    }

    private boolean tryLock(DSLContext tx) {
        return Boolean.TRUE.equals(tx.select(
                DSL.function(name("pg_try_advisory_xact_lock"), SQLDataType.BOOLEAN, val(lockKey))).fetchOne(0));
    }

    private void send(Result<Record5<UUID, String, String, JSONB, String>> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (var row : rows) {
            var headers = new RecordHeaders();
            if (row.value5() != null) {
                headers.add(TraceContext.HEADER, row.value5().getBytes(StandardCharsets.US_ASCII));
            }
            acks.add(producer.send(new ProducerRecord<>(row.value2(), null, row.value3(), row.value4().data(), headers)));
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new OutboxSendException("Kafka rejected a record of " + rows.size(), e.getCause());
        } catch (TimeoutException e) {
            throw new OutboxSendException("no acknowledgement for " + rows.size() + " records within "
                    + settings.sendTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxSendException("interrupted waiting for acknowledgements", e);
        }
    }

    private void deleteExpired(DSLContext tx) {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(CLEANUP_EVERY);
        int deleted = tx.deleteFrom(outbox)
                .where(PUBLISHED_AT.lt(now.minus(settings.retention()).atOffset(ZoneOffset.UTC)))
                .execute();
        if (deleted > 0) {
            LOG.info("outbox relay for schema {}: deleted {} events published more than {} ago",
                    settings.schema(), deleted, settings.retention());
        }
    }

    /**
     * Measured after every poll, outside the batch transaction, by every instance: the gauge matters
     * most when Kafka is down and batches roll back, and instances without the lock report it too.
     */
    private void refreshLag() {
        try {
            lag.set(dsl.fetchCount(outbox, PUBLISHED_AT.isNull()));
        } catch (RuntimeException e) {
            LOG.warn("outbox relay for schema {}: cannot measure the lag: {}", settings.schema(), describe(e));
        }
    }

    /** A stable 64-bit key per schema, so relays of one service exclude each other and nobody else. */
    static long lockKey(String schema) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("ore.outbox.relay:" + schema).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String describe(Throwable e) {
        var sb = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" <- ").append(c);
        }
        return sb.toString();
    }

    /** Kafka did not acknowledge the whole batch; thrown inside the transaction so it rolls back. */
    static final class OutboxSendException extends RuntimeException {
        OutboxSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
