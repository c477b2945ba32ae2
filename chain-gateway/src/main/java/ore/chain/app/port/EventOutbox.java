package ore.chain.app.port;

/** Records an event in the current transaction; the ore-events relay sends it to Kafka after commit. */
public interface EventOutbox {

    void publish(String topic, String type, String key, Object payload);
}
