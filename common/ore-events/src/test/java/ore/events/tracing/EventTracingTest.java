package ore.events.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import ore.core.trace.OreSampler;
import ore.core.trace.TraceContext;
import ore.core.trace.TraceParent;
import ore.events.EventCodec;
import ore.events.EventEnvelope;
import ore.events.outbox.OutboxRelay;
import ore.events.outbox.OutboxSettings;
import ore.events.outbox.OutboxWriter;
import ore.events.testing.OutboxDatabase;
import ore.events.testing.RewardRequested;
import ore.events.testing.TopicReader;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from the request that writes an event, through the outbox relay and Kafka, to the
 * listener that handles it: real PostgreSQL, real Kafka, the OpenTelemetry SDK recording in memory.
 */
class EventTracingTest {

    private static final String SCHEMA = "tracing_test";
    private static OutboxDatabase db;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .setTracerProvider(SdkTracerProvider.builder().setSampler(new OreSampler(1.0))
                    .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private final EventTracing tracing = new EventTracing(otel);
    private final EventCodec codec = new EventCodec(JsonMapper.createDefault());
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create(SCHEMA);
    }

    @AfterEach
    void close() {
        producer.close(Duration.ZERO);
        otel.close();
    }

    @Test
    void theRelayPublishesAsAChildOfTheStoredSpanAndTheConsumerContinuesIt() {
        String topic = TopicReader.newTopic("ore.test.traced", 1);
        var writer = new OutboxWriter(OutboxSettings.of(SCHEMA), codec);
        Span request = otel.getTracer("test").spanBuilder("POST /claim").setSpanKind(SpanKind.SERVER).startSpan();
        EventEnvelope event;
        try (Scope ignored = request.makeCurrent()) {
            event = EventEnvelope.of("reward.requested", "r-1", new RewardRequested("r-1", "p-1", 10), Clock.systemUTC());
            db.dsl().transaction(c -> writer.append(c.dsl(), topic, event));
        } finally {
            request.end();
        }

        // Later, on the relay's own thread, with nothing current: the stored traceparent is the parent.
        var relay = new OutboxRelay(db.dsl(), producer, new OutboxSettings(true, SCHEMA, Duration.ofMillis(200), 100,
                Duration.ofSeconds(10), Duration.ofDays(7), 5, Duration.ofSeconds(30)), new SimpleMeterRegistry(), tracing);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(relay.relayOnce()).isEqualTo(1);

        SpanData publish = only(SpanKind.PRODUCER);
        assertThat(publish.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(publish.getParentSpanId()).as("the request's span").isEqualTo(request.getSpanContext().getSpanId());
        assertThat(publish.getName()).isEqualTo(topic + " publish");

        ConsumerRecord<String, String> record = TopicReader.read(topic, 1, Duration.ofSeconds(30), Duration.ZERO).getFirst();
        String header = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII);
        assertThat(TraceParent.parse(header)).contains(
                new TraceParent(publish.getTraceId(), publish.getSpanId(), true));
        assertThat(record.headers().headers("traceparent")).as("one traceparent header, not two").hasSize(1);
        assertThat(codec.decode(record.value()).traceparent()).isEqualTo(event.traceparent());

        AtomicReference<TraceParent> seen = new AtomicReference<>();
        tracing.handle(record, "test-group", () -> seen.set(TraceContext.current().orElseThrow()));

        SpanData process = only(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(process.getParentSpanId()).as("the publish span").isEqualTo(publish.getSpanId());
        assertThat(process.getName()).isEqualTo(topic + " process");
        assertThat(process.getAttributes().asMap().toString())
                .contains("messaging.system=kafka", "messaging.consumer.group.name=test-group");
        assertThat(seen.get().spanId()).as("the listener's work runs in the consumer span").isEqualTo(process.getSpanId());
        assertThat(Span.current().getSpanContext().isValid()).as("and only while it runs").isFalse();
    }

    @Test
    void aFailingListenerMarksItsSpanAndStillFails() {
        var record = new ConsumerRecord<String, String>("ore.test.failing", 0, 7L, "k", "v");
        record.headers().add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                .getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> tracing.handle(record, "g", () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");

        SpanData process = only(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(process.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void aRecordWithoutTraceStartsOne() {
        var record = new ConsumerRecord<String, String>("ore.test.untraced", 0, 1L, "k", "v");
        tracing.handle(record, "g", () -> assertThat(TraceContext.current()).isPresent());
        assertThat(only(SpanKind.CONSUMER).getParentSpanContext().isValid()).isFalse();
    }

    private SpanData only(SpanKind kind) {
        List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind).toList();
        assertThat(found).as("%s spans among %s", kind, spans.getFinishedSpanItems()).hasSize(1);
        return found.getFirst();
    }
}
