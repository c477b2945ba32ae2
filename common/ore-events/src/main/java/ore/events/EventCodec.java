package ore.events;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns {@link EventEnvelope}s into JSON text and JSON text into {@link ReceivedEvent}s.
 *
 * <p>The envelope fields are written by hand ({@code id} and {@code occurredAt} as ISO-8601 strings)
 * so the wire format does not change with a service's serde settings; only the payload goes through
 * the service's {@link JsonMapper}. Decoding never throws anything but {@link MalformedEventException}
 * for bad input, so a consumer can catch that one type and skip the record.
 */
@Singleton
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(EventEnvelope e) {
        try {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            fields.put("id", JsonNode.createStringNode(e.id().toString()));
            fields.put("type", JsonNode.createStringNode(e.type()));
            fields.put("occurredAt", JsonNode.createStringNode(e.occurredAt().toString()));
            fields.put("key", JsonNode.createStringNode(e.key()));
            fields.put("traceparent", JsonNode.createStringNode(e.traceparent()));
            fields.put("payload", mapper.writeValueToTree(e.payload()));
            return mapper.writeValueAsString(JsonNode.createObjectNode(fields));
        } catch (IOException | RuntimeException ex) {
            throw new IllegalArgumentException("cannot serialize the payload of event " + e.type()
                    + " (" + e.payload().getClass().getName() + "); is it @Serdeable?", ex);
        }
    }

    public ReceivedEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty event");
        }
        JsonNode root;
        try {
            root = mapper.readValue(json, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("event is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("event is not a JSON object");
        }
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            throw new MalformedEventException("event has no payload");
        }
        return new ReceivedEvent(
                uuid(requiredText(root, "id")),
                requiredText(root, "type"),
                instant(requiredText(root, "occurredAt")),
                requiredText(root, "key"),
                optionalText(root, "traceparent"),
                new EventPayload(payload, mapper));
    }

    private static String requiredText(JsonNode root, String field) {
        String value = optionalText(root, field);
        if (value == null || value.isEmpty()) {
            throw new MalformedEventException("event field '" + field + "' is missing or not a string");
        }
        return value;
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isString() ? node.getStringValue() : null;
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event id is not a UUID: " + text, e);
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new MalformedEventException("event occurredAt is not an ISO-8601 instant: " + text, e);
        }
    }
}
