package ore.events;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of a received event, kept as a JSON tree until the consumer says which type it
 * expects: one consumer may understand several event types on one topic, and ignore the rest.
 * Equality is by JSON content.
 */
public final class EventPayload {

    private final JsonNode node;
    private final JsonMapper mapper;

    EventPayload(JsonNode node, JsonMapper mapper) {
        this.node = node;
        this.mapper = mapper;
    }

    /** The payload bound to {@code type}; {@link MalformedEventException} when it does not fit. */
    public <T> T as(Class<T> type) {
        try {
            T value = mapper.readValueFromTree(node, type);
            if (value == null) {
                throw new MalformedEventException("event payload is null, expected " + type.getSimpleName());
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedEventException m) {
                throw m;
            }
            throw new MalformedEventException("event payload does not bind to " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The payload as JSON text. */
    public String json() {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree() {
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventPayload other && node.equals(other.node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        // Payloads may hold personal data; logs get the size, not the content.
        return "EventPayload[" + node.size() + " fields]";
    }
}
