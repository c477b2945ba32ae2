package ore.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import ore.core.id.Ids;
import ore.core.trace.TraceContext;

/**
 * What every ORE Kafka record carries as its value (docs/contracts.md):
 * {@code {"id", "type", "occurredAt", "key", "traceparent", "payload"}}.
 *
 * <p>{@code id} is a UUIDv7 and the identity consumers deduplicate on: delivery is at-least-once,
 * so the same id may arrive more than once. {@code key} is also the Kafka record key, which keeps the
 * events of one key in one partition and so in order. {@code traceparent} is the W3C trace context
 * of the work that caused the event: the span current when it was written, so the relay's publish
 * span (and through it the consumer's) continues that span's trace. Encode it with {@link EventCodec}, which fixes the wire format.
 *
 * @param payload any value the service's JSON mapper can serialize (a {@code @Serdeable} record)
 */
public record EventEnvelope(UUID id, String type, Instant occurredAt, String key, String traceparent, Object payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(payload, "payload");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("event type must not be blank");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("event key must not be empty: it chooses the partition");
        }
    }

    /** A new event caused by the work in progress: a fresh id, now, and the current span as its trace. */
    public static EventEnvelope of(String type, String key, Object payload, Clock clock) {
        return new EventEnvelope(Ids.newId(clock), type, clock.instant(), key,
                TraceContext.forOutgoing().header(), payload);
    }
}
