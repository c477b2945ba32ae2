package ore.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import ore.events.EventCodec;
import ore.events.EventEnvelope;
import ore.events.inbox.ProcessedEvents;
import ore.events.testing.OutboxDatabase;
import ore.events.testing.RewardRequested;
import ore.events.testing.TopicReader;
import ore.testkit.Need;
import ore.testkit.OreInfra;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module as a service uses it: beans from a Micronaut context, the producer from micronaut-kafka's
 * {@code @KafkaClient("ore-outbox")}, the poller started by the context and stopped when it closes.
 */
class OutboxWiringTest {

    private static final String SCHEMA = "wiring_test";
    private static OutboxDatabase db;

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create(SCHEMA);
    }

    @Test
    void theRunningPollerPublishesCommittedEventsAndStopsWithTheContext() {
        String topic = TopicReader.newTopic("ore.test.wiring", 2);
        OutboxPoller poller;
        try (ApplicationContext ctx = ApplicationContext.run(properties(OreInfra.kafka(), true))) {
            poller = ctx.getBean(OutboxPoller.class);
            assertThat(poller.isRunning()).isTrue();
            DSLContext dsl = ctx.getBean(DSLContext.class);
            OutboxWriter writer = ctx.getBean(OutboxWriter.class);
            var e = EventEnvelope.of("reward.requested", "r-7", new RewardRequested("r-7", "p-7", 7), Clock.systemUTC());

            dsl.transaction(c -> writer.append(c.dsl(), topic, e));

            var records = TopicReader.read(topic, 1, Duration.ofSeconds(30), Duration.ZERO);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("r-7");
                assertThat(ctx.getBean(EventCodec.class).decode(r.value()).payloadAs(RewardRequested.class))
                        .isEqualTo(e.payload());
                // The wired relay sends in a publish span continuing the event's trace (export off here).
                var header = ore.core.trace.TraceParent.parse(new String(r.headers().lastHeader("traceparent").value(),
                        StandardCharsets.US_ASCII)).orElseThrow();
                var stored = ore.core.trace.TraceParent.parse(e.traceparent()).orElseThrow();
                assertThat(header.traceId()).isEqualTo(stored.traceId());
                assertThat(header.spanId()).isNotEqualTo(stored.spanId());
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> db.unpublished() == 0);
            assertThat(ctx.getBean(ProcessedEvents.class)).isNotNull();
        }
        assertThat(poller.isRunning()).isFalse();
    }

    @Test
    void aKafkaOutageKeepsEventsUntilARelayCanReachTheBroker() throws IOException {
        String topic = TopicReader.newTopic("ore.test.wiring-outage", 1);
        var e = EventEnvelope.of("reward.requested", "r-8", Map.of("n", 8), Clock.systemUTC());
        try (ApplicationContext down = ApplicationContext.run(properties(deadAddress(), false))) {
            assertThat(down.containsBean(OutboxPoller.class)).as("ore.outbox.enabled=false").isFalse();
            down.getBean(DSLContext.class).transaction(c -> down.getBean(OutboxWriter.class).append(c.dsl(), topic, e));

            long start = System.nanoTime();
            assertThat(down.getBean(OutboxRelay.class).relayOnce()).isZero();
            // The client's 60 s metadata wait is capped at ore.outbox.send-timeout by @KafkaClient(maxBlock).
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(db.unpublished()).isEqualTo(1);
        }

        try (ApplicationContext up = ApplicationContext.run(properties(OreInfra.kafka(), true))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.unpublished() == 0);
        }
        var records = TopicReader.read(topic, 1, Duration.ofSeconds(30), Duration.ZERO);
        assertThat(records).extracting(r -> r.key()).containsExactly("r-8");
    }

    private static Map<String, Object> properties(String bootstrap, boolean relayEnabled) {
        Map<String, Object> props = new HashMap<>(OreInfra.micronautProperties(Need.KAFKA));
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("test.jdbc.url", db.db().jdbcUrl());
        props.put("test.jdbc.user", db.db().user());
        props.put("test.jdbc.password", db.db().password());
        props.put("ore.outbox.schema", SCHEMA);
        props.put("ore.outbox.enabled", relayEnabled);
        props.put("ore.outbox.poll-interval", "50ms");
        props.put("ore.outbox.send-timeout", "2s");
        // Closing a producer waits for queued records; with no broker that is the delivery timeout.
        props.put("kafka.producers.ore-outbox.request.timeout.ms", "1000");
        props.put("kafka.producers.ore-outbox.delivery.timeout.ms", "2000");
        return props;
    }

    private static String deadAddress() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
