package ore.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import ore.events.EventCodec;
import ore.events.EventEnvelope;
import ore.events.ReceivedEvent;
import ore.events.testing.OutboxDatabase;
import ore.events.testing.RewardRequested;
import ore.events.testing.TopicReader;
import ore.events.tracing.EventTracing;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay against a real PostgreSQL and a real Kafka broker, wired by hand. */
class OutboxRelayTest {

    private static final String SCHEMA = "relay_test";
    private static OutboxDatabase db;

    private final EventCodec codec = new EventCodec(JsonMapper.createDefault());
    private final OutboxWriter writer = new OutboxWriter(OutboxSettings.of(SCHEMA), codec);
    private final List<Producer<String, String>> producers = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create(SCHEMA);
    }

    @AfterEach
    void drainAndClose() {
        // Each test starts from an empty outbox; rows left by a failing test must not leak into the next.
        db.dsl().deleteFrom(DSL.table(DSL.name(SCHEMA, "outbox"))).execute();
        db.dsl().deleteFrom(DSL.table(DSL.name(SCHEMA, "outbox_dead_letter"))).execute();
        producers.forEach(p -> p.close(Duration.ZERO));
    }

    /** Untraced (tracing off, as here), the record's header is the traceparent stored with the event. */
    @Test
    void committedEventsReachKafkaWithKeyEnvelopeAndTraceparent() {
        String topic = TopicReader.newTopic("ore.test.rewards", 3);
        var e1 = EventEnvelope.of("reward.requested", "r-1", new RewardRequested("r-1", "p-1", 10), Clock.systemUTC());
        var e2 = EventEnvelope.of("reward.requested", "r-2", new RewardRequested("r-2", "p-1", 20), Clock.systemUTC());
        db.dsl().transaction(c -> {
            writer.append(c.dsl(), topic, e1);
            writer.append(c.dsl(), topic, e2);
        });
        var meters = new SimpleMeterRegistry();
        OutboxRelay relay = relay(producer(OreInfra.kafka()), settings(), meters);

        assertThat(relay.relayOnce()).isEqualTo(2);

        assertThat(db.unpublished()).isZero();
        assertThat(relay.lag()).isZero();
        assertThat(meters.get("ore.outbox.published").counter().count()).isEqualTo(2.0);
        assertThat(meters.get("ore.outbox.lag").gauge().value()).isZero();
        List<ConsumerRecord<String, String>> records = TopicReader.read(topic, 2, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("r-1", "r-2");
        for (var record : records) {
            EventEnvelope sent = record.key().equals("r-1") ? e1 : e2;
            ReceivedEvent received = codec.decode(record.value());
            assertThat(received.id()).isEqualTo(sent.id());
            assertThat(received.payloadAs(RewardRequested.class)).isEqualTo(sent.payload());
            assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                    .isEqualTo(sent.traceparent());
        }
        assertThat(relay.relayOnce()).as("nothing left to send").isZero();
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverPublished() {
        String topic = TopicReader.newTopic("ore.test.rollback", 1);
        var lost = EventEnvelope.of("reward.requested", "lost", Map.of("n", 1), Clock.systemUTC());
        var kept = EventEnvelope.of("reward.requested", "kept", Map.of("n", 2), Clock.systemUTC());
        assertThatThrownBy(() -> db.dsl().transaction(c -> {
            writer.append(c.dsl(), topic, lost);
            throw new IllegalStateException("business rule failed after the event was written");
        })).hasMessageContaining("business rule");
        db.dsl().transaction(c -> writer.append(c.dsl(), topic, kept));

        relay(producer(OreInfra.kafka()), settings(), new SimpleMeterRegistry()).relayOnce();

        assertThat(db.rows()).isEqualTo(1);
        var records = TopicReader.read(topic, 1, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("kept");
    }

    @Test
    void unreachableKafkaLeavesRowsForTheNextRelay() throws IOException {
        String topic = TopicReader.newTopic("ore.test.outage", 1);
        var e = EventEnvelope.of("reward.requested", "r-9", Map.of("n", 9), Clock.systemUTC());
        db.dsl().transaction(c -> writer.append(c.dsl(), topic, e));
        var meters = new SimpleMeterRegistry();
        OutboxRelay down = relay(producer(deadAddress()), settings(), meters);

        assertThat(down.relayOnce()).isZero();
        assertThat(down.relayOnce()).isZero();

        assertThat(db.unpublished()).isEqualTo(1);
        assertThat(down.lag()).as("lag is measured after the rollback").isEqualTo(1);
        assertThat(meters.get("ore.outbox.lag").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("ore.outbox.failures").counter().count()).isEqualTo(2.0);

        OutboxRelay up = relay(producer(OreInfra.kafka()), settings(), new SimpleMeterRegistry());
        assertThat(up.relayOnce()).isEqualTo(1);
        assertThat(db.unpublished()).isZero();
        var records = TopicReader.read(topic, 1, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(records).singleElement().satisfies(r -> assertThat(codec.decode(r.value()).id()).isEqualTo(e.id()));
    }

    @Test
    void aRelayWaitsWhileAnotherHoldsTheSchemaLock() throws Exception {
        String topic = TopicReader.newTopic("ore.test.lock", 1);
        db.dsl().transaction(c -> writer.append(c.dsl(), topic,
                EventEnvelope.of("t", "k", Map.of(), Clock.systemUTC())));
        OutboxRelay relay = relay(producer(OreInfra.kafka()), settings(), new SimpleMeterRegistry());

        // Another instance's relay, mid-batch: it holds the transaction-scoped lock.
        db.dsl().transaction(c -> {
            c.dsl().select(DSL.function(DSL.name("pg_advisory_xact_lock"), Object.class,
                    DSL.val(OutboxRelay.lockKey(SCHEMA)))).fetch();
            try (var other = Executors.newVirtualThreadPerTaskExecutor()) {
                assertThat(other.submit(relay::relayOnce).get()).isZero();
            }
        });

        assertThat(db.unpublished()).isEqualTo(1);
        assertThat(relay.lag()).as("a relay without the lock still reports the lag").isEqualTo(1);
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(OutboxRelay.lockKey(SCHEMA)).isNotEqualTo(OutboxRelay.lockKey("other_service"));
    }

    @Test
    void twoRelaysTogetherPublishEachEventOnceInOrderPerKey() throws Exception {
        String topic = TopicReader.newTopic("ore.test.concurrent", 4);
        List<String> keys = List.of("p-1", "p-2", "p-3", "p-4", "p-5");
        int perKey = 40;
        for (int seq = 0; seq < perKey; seq++) {
            int s = seq;
            db.dsl().transaction(c -> {
                for (String key : keys) {
                    writer.append(c.dsl(), topic, EventEnvelope.of("step", key, Map.of("seq", s), Clock.systemUTC()));
                }
            });
        }
        var small = new OutboxSettings(true, SCHEMA, Duration.ofMillis(10), 7, Duration.ofSeconds(10), Duration.ofDays(7), 5, Duration.ofSeconds(30));
        var relays = List.of(relay(producer(OreInfra.kafka()), small, new SimpleMeterRegistry()),
                relay(producer(OreInfra.kafka()), small, new SimpleMeterRegistry()));

        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> totals = new ArrayList<>();
            for (OutboxRelay r : relays) {
                totals.add(pool.submit(() -> {
                    int total = 0;
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (db.unpublished() > 0 && System.nanoTime() < deadline) {
                        total += r.relayOnce();
                    }
                    return total;
                }));
            }
            assertThat(totals.get(0).get() + totals.get(1).get()).isEqualTo(keys.size() * perKey);
        }

        var records = TopicReader.read(topic, keys.size() * perKey, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(records).hasSize(keys.size() * perKey);
        for (String key : keys) {
            List<Integer> seqs = records.stream()
                    .filter(r -> r.key().equals(key))
                    .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                    .map(r -> codec.decode(r.value()).payloadAs(Map.class).get("seq"))
                    .map(n -> ((Number) n).intValue())
                    .toList();
            assertThat(seqs).as("events of %s in the order they were written", key)
                    .isEqualTo(IntStream.range(0, perKey).boxed().toList());
        }
    }

    @Test
    void publishedRowsAreDeletedAfterTheRetention() {
        String topic = TopicReader.newTopic("ore.test.retention", 1);
        var old = EventEnvelope.of("t", "old", Map.of(), Clock.systemUTC());
        var recent = EventEnvelope.of("t", "recent", Map.of(), Clock.systemUTC());
        var pending = EventEnvelope.of("t", "pending", Map.of(), Clock.systemUTC());
        db.dsl().transaction(c -> {
            writer.append(c.dsl(), topic, old);
            writer.append(c.dsl(), topic, recent);
        });
        var outbox = DSL.table(DSL.name(SCHEMA, "outbox"));
        markPublished(outbox, old, OffsetDateTime.now().minusDays(8));
        markPublished(outbox, recent, OffsetDateTime.now().minusDays(6));
        db.dsl().transaction(c -> writer.append(c.dsl(), topic, pending));

        relay(producer(OreInfra.kafka()), settings(), new SimpleMeterRegistry()).relayOnce();

        assertThat(db.dsl().select(OutboxTable.EVENT_KEY).from(outbox).fetch(OutboxTable.EVENT_KEY))
                .containsExactlyInAnyOrder("recent", "pending");
    }

    @Test
    void aRecordKafkaRejectsIsSetAsideWithoutHoldingBackTheOthers() throws Exception {
        String small = TopicReader.newTopic("ore.test.small", 1);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of("bootstrap.servers", OreInfra.kafka()))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, small);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry("max.message.bytes", "1024"),
                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
        }
        String good = TopicReader.newTopic("ore.test.good", 1);
        var tooBig = EventEnvelope.of("t", "big", Map.of("blob", "x".repeat(4096)), Clock.systemUTC());
        var fine = EventEnvelope.of("t", "fine", Map.of("n", 1), Clock.systemUTC());
        db.dsl().transaction(c -> {
            writer.append(c.dsl(), small, tooBig);
            writer.append(c.dsl(), good, fine);
        });
        var meters = new SimpleMeterRegistry();
        var settings = new OutboxSettings(true, SCHEMA, Duration.ofMillis(200), 100, Duration.ofSeconds(5),
                Duration.ofDays(7), 3, Duration.ZERO);
        OutboxRelay relay = relay(producer(OreInfra.kafka()), settings, meters);

        // The first poll publishes the event behind the rejected one.
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(TopicReader.read(good, 1, Duration.ofSeconds(30), Duration.ZERO)).extracting(ConsumerRecord::key)
                .containsExactly("fine");
        relay.relayOnce();
        relay.relayOnce();

        assertThat(db.unpublished()).isZero();
        var deadLetter = DSL.table(DSL.name(SCHEMA, "outbox_dead_letter"));
        var row = db.dsl().select(OutboxTable.ID, OutboxTable.ATTEMPTS, OutboxTable.LAST_ERROR).from(deadLetter).fetchSingle();
        assertThat(row.value1()).isEqualTo(tooBig.id());
        assertThat(row.value2()).isEqualTo(3);
        assertThat(row.value3()).contains("RecordTooLarge");
        assertThat(meters.get("ore.outbox.dead_lettered").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aTopicKafkaCannotDescribeDoesNotBlockOtherTopicsAndIsSetAside() {
        // ".." is a name Kafka refuses: its metadata never arrives, like a topic that was never created.
        String good = TopicReader.newTopic("ore.test.behind", 1);
        var lost = EventEnvelope.of("t", "lost", Map.of("n", 1), Clock.systemUTC());
        var fine = EventEnvelope.of("t", "fine", Map.of("n", 2), Clock.systemUTC());
        db.dsl().transaction(c -> writer.append(c.dsl(), "..", lost));
        db.dsl().transaction(c -> writer.append(c.dsl(), good, fine));
        var meters = new SimpleMeterRegistry();
        var settings = new OutboxSettings(true, SCHEMA, Duration.ofMillis(200), 100, Duration.ofSeconds(5),
                Duration.ofDays(7), 2, Duration.ZERO);
        OutboxRelay relay = relay(producer(OreInfra.kafka()), settings, meters);

        assertThat(relay.relayOnce()).isEqualTo(1);
        relay.relayOnce();
        relay.relayOnce();

        assertThat(db.unpublished()).isZero();
        var deadLetter = DSL.table(DSL.name(SCHEMA, "outbox_dead_letter"));
        assertThat(db.dsl().select(OutboxTable.ID).from(deadLetter).where(OutboxTable.TOPIC.eq("..")).fetch(OutboxTable.ID))
                .containsExactly(lost.id());
        assertThat(meters.get("ore.outbox.dead_lettered").counter().count()).isEqualTo(1.0);
    }

    @Test
    void waitingForKafkaMetadataHoldsNeitherTheRelayLockNorTheRows() throws Exception {
        String topic = TopicReader.newTopic("ore.test.waiting", 1);
        var e = EventEnvelope.of("t", "w", Map.of("n", 1), Clock.systemUTC());
        db.dsl().transaction(c -> writer.append(c.dsl(), topic, e));
        var slowProducer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deadAddress(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 4000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000), new StringSerializer(), new StringSerializer());
        producers.add(slowProducer);
        var settings = new OutboxSettings(true, SCHEMA, Duration.ofMillis(200), 100, Duration.ofSeconds(8),
                Duration.ofDays(7), 5, Duration.ofSeconds(30));
        OutboxRelay relay = relay(slowProducer, settings, new SimpleMeterRegistry());

        try (var pool = Executors.newSingleThreadExecutor()) {
            Future<Integer> running = pool.submit(relay::relayOnce);
            // While the relay waits for Kafka, another instance may take the lock and the rows.
            org.awaitility.Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !running.isDone() && lockAndRowsAreFree());
            assertThat(running.get()).isZero();
        }
        assertThat(db.unpublished()).isEqualTo(1);
    }

    private boolean lockAndRowsAreFree() {
        return db.dsl().transactionResult(c -> {
            boolean lock = Boolean.TRUE.equals(c.dsl().select(DSL.function(DSL.name("pg_try_advisory_xact_lock"),
                    Boolean.class, DSL.val(OutboxRelay.lockKey(SCHEMA)))).fetchOne(0));
            int rows = c.dsl().selectFrom(DSL.table(DSL.name(SCHEMA, "outbox"))).forUpdate().skipLocked().fetch().size();
            return lock && rows == 1;
        });
    }

    private void markPublished(Table<?> outbox, EventEnvelope e, OffsetDateTime at) {
        db.dsl().update(outbox).set(OutboxTable.PUBLISHED_AT, at).where(OutboxTable.ID.eq(e.id())).execute();
    }

    private static OutboxSettings settings() {
        return new OutboxSettings(true, SCHEMA, Duration.ofMillis(200), 100, Duration.ofSeconds(2), Duration.ofDays(7), 5, Duration.ofSeconds(30));
    }

    private static OutboxRelay relay(Producer<String, String> producer, OutboxSettings settings,
                                     SimpleMeterRegistry meters) {
        return new OutboxRelay(db.dsl(), producer, settings, meters, EventTracing.disabled());
    }

    private Producer<String, String> producer(String bootstrap) {
        // The same guarantees the Micronaut wiring asks for, and short timeouts for the outage test.
        var p = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000), new StringSerializer(), new StringSerializer());
        producers.add(p);
        return p;
    }

    /** A local port nothing listens on. */
    private static String deadAddress() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
