package ore.game.app.port;

/**
 * Events to other services, written in the caller's transaction (transactional outbox) and relayed
 * to Kafka after commit: an event is published if and only if the state change is committed.
 */
public interface EventOutbox {

    void publish(String topic, String type, String key, Object payload);
}
