package ore.game.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writing events as other services do, and reading what game-service wrote, on the test broker. */
public final class Topics {

    private Topics() {
    }

    /** Sends an ORE envelope with this payload JSON; returns the event id. */
    public static UUID publish(String topic, String key, String type, String payloadJson) {
        UUID id = UUID.randomUUID();
        String envelope = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"key\":\"" + key + "\",\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\","
                + "\"payload\":" + payloadJson + "}";
        publishRaw(topic, key, envelope);
        return id;
    }

    public static void publishRaw(String topic, String key, String value) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** The records of the topic matching {@code wanted}, waiting until {@code count} arrived (or 30 s). */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> wanted,
                                                             int count) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "game-test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var found = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " record(s) on " + topic + " within 30 s, got " + found.size());
        }
        return found;
    }

    public static Map<String, Object> payload(io.micronaut.json.JsonMapper json, ConsumerRecord<String, String> record) {
        @SuppressWarnings("unchecked")
        var payload = (Map<String, Object>) GameApi.parse(json, record.value()).get("payload");
        return payload;
    }
}
