package ore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import ore.core.id.Ids;
import ore.core.trace.TraceParent;
import ore.events.testing.RewardRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

class EventCodecTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00.123456Z"), ZoneOffset.UTC);
    private final EventCodec codec = new EventCodec(JsonMapper.createDefault());

    @Test
    void envelopeNamesTheCurrentSpanAndTakesItsIdAndTimeFromTheClock() {
        TraceParent current = TraceParent.newTrace();
        EventEnvelope e;
        try (var ignored = Context.root().with(Span.wrap(SpanContext.create(current.traceId(), current.spanId(),
                TraceFlags.getSampled(), TraceState.getDefault()))).makeCurrent()) {
            e = EventEnvelope.of("reward.requested", "r-1", new RewardRequested("r-1", "p-1", 5), CLOCK);
        }

        assertThat(e.id().version()).isEqualTo(7);
        assertThat(Ids.timestampMillis(e.id())).isEqualTo(CLOCK.millis());
        assertThat(e.occurredAt()).isEqualTo(CLOCK.instant());
        assertThat(e.traceparent()).as("whatever continues the event becomes a child of the span that wrote it")
                .isEqualTo(current.header());
    }

    @Test
    void anEnvelopeWrittenOutsideAnyWorkStartsATraceOfItsOwn() {
        EventEnvelope e = EventEnvelope.of("reward.requested", "r-1", new RewardRequested("r-1", "p-1", 5), CLOCK);
        assertThat(TraceParent.parse(e.traceparent())).isPresent();
    }

    @Test
    void roundTripKeepsEveryFieldAndThePayload() {
        var payload = new RewardRequested("r-1", "p-1", 1_000_000_000_000_000_000L);
        EventEnvelope e = EventEnvelope.of("reward.requested", "r-1", payload, CLOCK);

        String json = codec.encode(e);
        ReceivedEvent received = codec.decode(json);

        assertThat(json).startsWith("{\"id\":\"" + e.id() + "\",\"type\":\"reward.requested\","
                + "\"occurredAt\":\"2025-06-01T12:00:00.123456Z\",\"key\":\"r-1\",\"traceparent\":\"00-");
        assertThat(received.id()).isEqualTo(e.id());
        assertThat(received.type()).isEqualTo("reward.requested");
        assertThat(received.occurredAt()).isEqualTo(e.occurredAt());
        assertThat(received.key()).isEqualTo("r-1");
        assertThat(received.traceparent()).isEqualTo(e.traceparent());
        assertThat(received.payloadAs(RewardRequested.class)).isEqualTo(payload);
        assertThat(received.payload().json()).isEqualTo(
                "{\"rewardId\":\"r-1\",\"playerId\":\"p-1\",\"amountWei\":1000000000000000000}");
    }

    @Test
    void mapPayloadsAndUnknownFieldsAreFine() {
        String json = """
                {"id":"%s","type":"user.deleted","occurredAt":"2025-06-01T12:00:00Z","key":"u-1",
                 "traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                 "payload":{"userId":"u-1"},"schemaVersion":2}""".formatted(UUID.randomUUID());

        ReceivedEvent received = codec.decode(json);

        assertThat(received.payloadAs(Map.class)).containsEntry("userId", "u-1");
        assertThat(codec.decode(codec.encode(new EventEnvelope(received.id(), received.type(),
                received.occurredAt(), received.key(), received.traceparent(), Map.of("userId", "u-1")))))
                .isEqualTo(received);
    }

    @Test
    void missingTraceparentIsAllowedSoConsumersCanStartANewTrace() {
        String json = """
                {"id":"%s","type":"t","occurredAt":"2025-06-01T12:00:00Z","key":"k","payload":{}}"""
                .formatted(UUID.randomUUID());

        assertThat(codec.decode(json).traceparent()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "{\"id\":",
            "[1,2]",
            "\"a string\"",
            "{\"type\":\"t\",\"occurredAt\":\"2025-06-01T12:00:00Z\",\"key\":\"k\",\"payload\":{}}",
            "{\"id\":\"nope\",\"type\":\"t\",\"occurredAt\":\"2025-06-01T12:00:00Z\",\"key\":\"k\",\"payload\":{}}",
            "{\"id\":\"0190c1a2-0000-7000-8000-000000000000\",\"occurredAt\":\"2025-06-01T12:00:00Z\",\"key\":\"k\",\"payload\":{}}",
            "{\"id\":\"0190c1a2-0000-7000-8000-000000000000\",\"type\":\"t\",\"occurredAt\":\"yesterday\",\"key\":\"k\",\"payload\":{}}",
            "{\"id\":\"0190c1a2-0000-7000-8000-000000000000\",\"type\":\"t\",\"occurredAt\":1717243200,\"key\":\"k\",\"payload\":{}}",
            "{\"id\":\"0190c1a2-0000-7000-8000-000000000000\",\"type\":\"t\",\"occurredAt\":\"2025-06-01T12:00:00Z\",\"payload\":{}}",
            "{\"id\":\"0190c1a2-0000-7000-8000-000000000000\",\"type\":\"t\",\"occurredAt\":\"2025-06-01T12:00:00Z\",\"key\":\"k\"}",
            "{\"id\":\"0190c1a2-0000-7000-8000-000000000000\",\"type\":\"t\",\"occurredAt\":\"2025-06-01T12:00:00Z\",\"key\":\"k\",\"payload\":null}",
    })
    void malformedEnvelopesFailWithOneExceptionType(String json) {
        assertThatThrownBy(() -> codec.decode(json)).isInstanceOf(MalformedEventException.class).hasMessageContaining("event");
    }

    @Test
    void nullInputIsMalformedToo() {
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void payloadOfTheWrongShapeIsMalformed() {
        String json = """
                {"id":"%s","type":"t","occurredAt":"2025-06-01T12:00:00Z","key":"k",
                 "payload":{"rewardId":"r","playerId":"p","amountWei":"lots"}}""".formatted(UUID.randomUUID());
        ReceivedEvent received = codec.decode(json);

        assertThatThrownBy(() -> received.payloadAs(RewardRequested.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("RewardRequested");
    }

    @Test
    void envelopeRejectsWhatWouldBreakPartitioningOrDeduplication() {
        assertThatThrownBy(() -> new EventEnvelope(UUID.randomUUID(), "t", Instant.now(), "", "tp", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventEnvelope(null, "t", Instant.now(), "k", "tp", Map.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventEnvelope(UUID.randomUUID(), " ", Instant.now(), "k", "tp", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unserializablePayloadFailsAtEncodeTimeNamingTheType() {
        EventEnvelope e = EventEnvelope.of("t", "k", new Object() { }, CLOCK);

        assertThatThrownBy(() -> codec.encode(e)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@Serdeable");
    }
}
