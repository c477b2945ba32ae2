package ore.events.outbox;

import static ore.events.outbox.OutboxTable.CLOCK_TIMESTAMP;
import static ore.events.outbox.OutboxTable.CREATED_AT;
import static ore.events.outbox.OutboxTable.ENVELOPE;
import static ore.events.outbox.OutboxTable.ATTEMPTS;
import static ore.events.outbox.OutboxTable.EVENT_KEY;
import static ore.events.outbox.OutboxTable.EVENT_TYPE;
import static ore.events.outbox.OutboxTable.FAILED_AT;
import static ore.events.outbox.OutboxTable.LAST_ERROR;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import io.opentelemetry.context.Scope;
import ore.core.trace.TraceContext;
import ore.events.jooq.JdbcTransaction;
import ore.events.tracing.EventTracing;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
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
 * already delivered; transient failures (timeouts, Kafka unreachable) never reorder first deliveries.
 * A row that fails on its own (Kafka rejects its record) or whose topic cannot be described does not
 * hold back the rows behind it, so those may overtake it; after {@code max-attempts} it is set aside
 * in {@code outbox_dead_letter}.
 *
 * <p>Record: key = {@code event_key}, value = the envelope JSON, header {@code traceparent}. Each send
 * is a PRODUCER span, a child of the traceparent stored with the event (the span of the request or
 * record whose transaction wrote it), and the header names that span ({@link EventTracing}); the
 * consumer's span continues it. Untraced, the header is the stored traceparent itself.
 */
@Singleton
@Requires(property = OutboxSettings.PREFIX + ".schema")
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Deleting old rows scans the table; a few times an hour is plenty for a 7-day retention. */
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(5);

    private final DSLContext dsl;
    private final Producer<String, String> producer;
    private final EventTracing tracing;
    private final OutboxSettings settings;
    private final Table<Record> outbox;
    private final long lockKey;
    private final AtomicLong lag;
    private final Counter published;
    private final Counter failures;
    private volatile Instant nextCleanup = Instant.MIN;
    private final Table<Record> deadLetter;
    private final Counter deadLettered;
    private final Map<String, Strikes> topicStrikes = new ConcurrentHashMap<>();
    private final Map<UUID, Strikes> rowStrikes = new ConcurrentHashMap<>();
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
    private volatile Instant lastKafkaSuccess = Instant.EPOCH;
    private volatile boolean deadLetterReady;

    /**
     * @param producer the {@code ore-outbox} client: {@code kafka.*} and {@code kafka.producers.ore-outbox.*}
     *                 settings (bootstrap, TLS, MSK IAM) apply; it never blocks on metadata for longer
     *                 than {@code ore.outbox.send-timeout}, so an unreachable cluster cannot hold the
     *                 lock and the database connection for the client's 60 s default
     * @param tracing  sends each record in a span continuing the trace stored with its event
     */
    public OutboxRelay(DSLContext dsl,
                       @KafkaClient(id = "ore-outbox", acks = KafkaClient.Acknowledge.ALL,
                               maxBlock = "${ore.outbox.send-timeout:10s}",
                               properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
                       Producer<String, String> producer,
                       OutboxSettings settings,
                       MeterRegistry meters,
                       EventTracing tracing) {
        this.dsl = dsl;
        this.tracing = tracing;
        this.producer = tracing.producer(producer);
        this.settings = settings;
        this.outbox = OutboxTable.in(settings.schema());
        this.lockKey = lockKey(settings.schema());
        Tags tags = Tags.of("schema", settings.schema());
        this.lag = meters.gauge("ore.outbox.lag", tags, new AtomicLong());
        this.published = Counter.builder("ore.outbox.published").tags(tags)
                .description("Outbox events acknowledged by Kafka").register(meters);
        this.failures = Counter.builder("ore.outbox.failures").tags(tags)
                .description("Outbox polls in which some events could not be sent (they are retried)").register(meters);
        this.deadLettered = Counter.builder("ore.outbox.dead_lettered").tags(tags)
                .description("Outbox events set aside in outbox_dead_letter after repeated failures").register(meters);
        this.deadLetter = OutboxTable.deadLetterIn(settings.schema());
    }

    /**
     * Sends at most one batch and marks what Kafka acknowledged as published, in one transaction.
     *
     * <p>Bounded: before the transaction (so no lock, row lock or pooled connection is held while
     * waiting), the topics of the pending rows are checked for metadata; a topic Kafka cannot describe
     * is left out for {@code retry-backoff} and its rows wait, without holding back the other topics.
     * The sends and the wait for acknowledgements share one deadline, {@code send-timeout}.
     *
     * <p>Rows that keep failing are set aside in {@code outbox_dead_letter} (counted in
     * {@code ore.outbox.dead_lettered}, logged with id, topic and error, never the payload): a row
     * whose record Kafka rejects on its own {@code max-attempts} times, or all rows of a topic whose
     * metadata failed {@code max-attempts} times while other topics worked. When Kafka as a whole is
     * unreachable nothing is counted against any row: the rows wait.
     *
     * @return the number of events published; 0 when there was nothing to send, another relay holds the
     *         lock, or nothing could be sent (counted in {@code ore.outbox.failures} and retried by the
     *         next call)
     */
    public int relayOnce() {
        int sent = 0;
        try {
            ensureDeadLetterTable();
            Set<String> ready = readyTopics();
            if (!ready.isEmpty()) {
                Batch batch = JdbcTransaction.run(dsl, tx -> relayBatch(tx, ready));
                sent = batch.published();
                published.increment(sent);
                if (batch.failed() > 0) {
                    failures.increment();
                    LOG.warn("outbox relay for schema {}: {} of {} events not acknowledged, will retry: {}",
                            settings.schema(), batch.failed(), batch.failed() + sent, batch.error());
                }
            }
        } catch (RuntimeException e) {
            failures.increment();
            // Never the payload: it may hold personal data. The schema and error are enough to act on.
            LOG.warn("outbox relay for schema {}: batch rolled back, will retry: {}", settings.schema(), describe(e));
        }
        try {
            setAside();
        } catch (RuntimeException e) {
            LOG.warn("outbox relay for schema {}: could not set failing events aside: {}", settings.schema(), describe(e));
        }
        refreshLag();
        return sent;
    }

    /** Events committed but not yet published, as measured at the end of the last {@link #relayOnce()}. */
    public long lag() {
        return lag.get();
    }

    private record Batch(int published, int failed, String error) {
    }

    /** Strikes against a topic or row: how many times it failed on its own, and the last error. */
    private record Strikes(int count, String lastError) {
        Strikes plus(String error) {
            return new Strikes(count + 1, error);
        }
    }

    private void ensureDeadLetterTable() {
        if (!deadLetterReady) {
            dsl.execute(OutboxTable.deadLetterDdl(settings.schema()));
            deadLetterReady = true;
        }
    }

    /**
     * The topics of pending rows that Kafka can describe now, checked outside any transaction. A
     * failing topic is left out for {@code retry-backoff}; its failure counts as a strike only if Kafka
     * is demonstrably reachable (another topic was described or acknowledged within the last minute).
     */
    private Set<String> readyTopics() {
        // Topics that failed before are checked last, so they cannot make the healthy ones wait.
        List<String> topics = dsl.selectDistinct(TOPIC).from(outbox).where(PUBLISHED_AT.isNull()).fetch(TOPIC)
                .stream().sorted(java.util.Comparator.comparingInt(t -> topicStrikes.containsKey(t) ? 1 : 0)).toList();
        Instant now = Instant.now();
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        Set<String> ready = new HashSet<>();
        Map<String, String> failed = new HashMap<>();
        RuntimeException firstError = null;
        for (String topic : topics) {
            Instant blocked = blockedUntil.get(topic);
            if (blocked != null && now.isBefore(blocked)) {
                continue;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            try {
                producer.partitionsFor(topic);
                ready.add(topic);
                topicStrikes.remove(topic);
                blockedUntil.remove(topic);
                lastKafkaSuccess = Instant.now();
            } catch (RuntimeException e) {
                failed.put(topic, describe(e));
                blockedUntil.put(topic, Instant.now().plus(settings.retryBackoff()));
                if (firstError == null) {
                    firstError = e;
                }
                if (e instanceof org.apache.kafka.common.errors.TimeoutException && ready.isEmpty()
                        && !kafkaRecentlyReachable()) {
                    // Probably Kafka itself is away: do not spend max.block.ms on every topic. The
                    // topic just tried sits out its back-off, so the next poll checks the others first.
                    break;
                }
            }
        }
        boolean reachable = !ready.isEmpty() || kafkaRecentlyReachable();
        if (reachable) {
            failed.forEach((topic, error) -> {
                Strikes s = topicStrikes.merge(topic, new Strikes(1, error), (a, b) -> a.plus(error));
                LOG.warn("outbox relay for schema {}: no metadata for topic {} ({} of {} attempts): {}",
                        settings.schema(), topic, s.count(), settings.maxAttempts(), error);
            });
        }
        if (firstError != null && ready.isEmpty()) {
            throw new OutboxSendException("no metadata for " + failed.keySet(), firstError);
        }
        if (ready.isEmpty() && !topics.isEmpty()) {
            throw new OutboxSendException("every topic with pending events is backing off after failures: "
                    + topics, null);
        }
        return ready;
    }

    private boolean kafkaRecentlyReachable() {
        return lastKafkaSuccess.isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    }

    private Batch relayBatch(DSLContext tx, Set<String> topics) {
        if (!tryLock(tx)) {
            return new Batch(0, 0, null);
        }
        Result<Record5<UUID, String, String, JSONB, String>> rows = tx
                .select(ID, TOPIC, EVENT_KEY, ENVELOPE, TRACEPARENT)
                .from(outbox)
                .where(PUBLISHED_AT.isNull().and(TOPIC.in(topics)))
                .orderBy(CREATED_AT, ID)
                .limit(settings.batchSize())
                .forUpdate()
                .fetch();
        Batch batch = new Batch(0, 0, null);
        if (!rows.isEmpty()) {
            List<UUID> acked = new ArrayList<>(rows.size());
            batch = send(rows, acked);
            if (!acked.isEmpty()) {
                tx.update(outbox).set(PUBLISHED_AT, CLOCK_TIMESTAMP).where(ID.in(acked)).execute();
            }
        }
        deleteExpired(tx);
        return batch;
    }

    private boolean tryLock(DSLContext tx) {
        return Boolean.TRUE.equals(tx.select(
                DSL.function(name("pg_try_advisory_xact_lock"), SQLDataType.BOOLEAN, val(lockKey))).fetchOne(0));
    }

    /**
     * Sends the rows and waits for their acknowledgements, all within one {@code send-timeout}; the ids
     * of acknowledged rows go to {@code acked}. A record Kafka rejects for a reason of its own (not a
     * timeout, not a retriable error) earns its row a strike.
     */
    private Batch send(Result<Record5<UUID, String, String, JSONB, String>> rows, List<UUID> acked) {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (var row : rows) {
            if (System.nanoTime() >= deadline) {
                break;
            }
            var headers = new RecordHeaders();
            if (row.value5() != null) {
                headers.add(TraceContext.HEADER, row.value5().getBytes(StandardCharsets.US_ASCII));
            }
            try (Scope ignored = tracing.storedParent(row.value5()).makeCurrent()) {
                acks.add(producer.send(new ProducerRecord<>(row.value2(), null, row.value3(), row.value4().data(), headers)));
            } catch (RuntimeException e) {
                acks.add(java.util.concurrent.CompletableFuture.failedFuture(e));
            }
        }
        int failed = rows.size() - acks.size();
        String error = failed > 0 ? "send-timeout reached before every record was sent" : null;
        for (int i = 0; i < acks.size(); i++) {
            UUID id = rows.get(i).value1();
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(id);
                rowStrikes.remove(id);
                lastKafkaSuccess = Instant.now();
            } catch (ExecutionException e) {
                failed++;
                error = describe(e.getCause());
                if (!(e.getCause() instanceof RetriableException)) {
                    rowStrikes.merge(id, new Strikes(1, error), (a, b) -> a.plus(b.lastError()));
                }
            } catch (TimeoutException e) {
                failed++;
                error = "no acknowledgement within " + settings.sendTimeout();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutboxSendException("interrupted waiting for acknowledgements", e);
            }
        }
        return new Batch(acked.size(), failed, error);
    }

    /** Moves rows that struck out into the dead-letter table, in a transaction under the relay lock. */
    private void setAside() {
        List<UUID> rowsOut = rowStrikes.entrySet().stream()
                .filter(e -> e.getValue().count() >= settings.maxAttempts()).map(Map.Entry::getKey).toList();
        List<String> topicsOut = topicStrikes.entrySet().stream()
                .filter(e -> e.getValue().count() >= settings.maxAttempts()).map(Map.Entry::getKey).toList();
        if (rowsOut.isEmpty() && topicsOut.isEmpty()) {
            return;
        }
        JdbcTransaction.run(dsl, tx -> {
            if (!tryLock(tx)) {
                return null;
            }
            for (UUID id : rowsOut) {
                moveToDeadLetter(tx, ID.eq(id), rowStrikes.get(id));
            }
            for (String topic : topicsOut) {
                moveToDeadLetter(tx, TOPIC.eq(topic), topicStrikes.get(topic));
            }
            return null;
        });
        rowsOut.forEach(rowStrikes::remove);
        // A topic stays struck out: its next rows go to the dead letters after one more failed check.
        topicsOut.forEach(t -> topicStrikes.put(t, new Strikes(settings.maxAttempts() - 1, topicStrikes.get(t).lastError())));
    }

    private void moveToDeadLetter(DSLContext tx, org.jooq.Condition which, Strikes strikes) {
        var moved = tx.deleteFrom(outbox)
                .where(which.and(PUBLISHED_AT.isNull()))
                .returning(ID, TOPIC, EVENT_KEY, EVENT_TYPE, ENVELOPE, CREATED_AT)
                .fetch();
        for (var row : moved) {
            tx.insertInto(deadLetter)
                    .set(ID, row.get(ID)).set(TOPIC, row.get(TOPIC)).set(EVENT_KEY, row.get(EVENT_KEY))
                    .set(EVENT_TYPE, row.get(EVENT_TYPE)).set(ENVELOPE, row.get(ENVELOPE))
                    .set(CREATED_AT, row.get(CREATED_AT)).set(FAILED_AT, CLOCK_TIMESTAMP)
                    .set(ATTEMPTS, strikes.count()).set(LAST_ERROR, strikes.lastError())
                    .execute();
            deadLettered.increment();
            LOG.warn("outbox relay for schema {}: event {} for topic {} set aside in outbox_dead_letter after {} "
                    + "failed attempts: {}", settings.schema(), row.get(ID), row.get(TOPIC), strikes.count(),
                    strikes.lastError());
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
