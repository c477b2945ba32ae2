package ore.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event envelope read from Kafka by {@link EventCodec#decode}. The payload stays raw JSON until
 * {@link #payloadAs} binds it. {@code traceparent} may be null when the producer sent none.
 */
public record ReceivedEvent(UUID id, String type, Instant occurredAt, String key, String traceparent,
                            EventPayload payload) {

    /** The payload bound to {@code type}; {@link MalformedEventException} when it does not fit. */
    public <T> T payloadAs(Class<T> type) {
        return payload.as(type);
    }
}
