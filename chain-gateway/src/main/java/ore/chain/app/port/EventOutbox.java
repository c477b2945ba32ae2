package ore.chain.app.port;

import java.util.List;

/** Records events in the current transaction; the ore-events relay sends them to Kafka after commit. */
public interface EventOutbox {

    void publish(String topic, String type, String key, Object payload);

    /** Many events at once, in order (one JDBC batch where the implementation can). */
    default void publishAll(List<Event> events) {
        events.forEach(e -> publish(e.topic(), e.type(), e.key(), e.payload()));
    }

    record Event(String topic, String type, String key, Object payload) {
    }
}
