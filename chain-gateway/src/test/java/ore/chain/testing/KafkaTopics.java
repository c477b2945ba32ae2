package ore.chain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writing events as game-service does, and reading everything chain-gateway wrote, on the test broker. */
public final class KafkaTopics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTopics() {
    }

    /** A record as read: key and the parsed envelope. */
    public record Event(String key, JsonNode envelope) {

        public String type() {
            return envelope.get("type").asText();
        }

        public JsonNode payload() {
            return envelope.get("payload");
        }
    }

    /** Sends the envelope game-service's outbox writes for a claim; returns the event id. */
    public static UUID publishRewardRequested(String topic, UUID rewardId, UUID playerId, String wallet, String tokenAmount) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("rewardId", rewardId.toString());
        payload.put("playerId", playerId.toString());
        payload.put("wallet", wallet);
        payload.put("tokenAmount", tokenAmount);
        payload.put("requestedAt", Instant.now().toString());
        return publish(topic, rewardId.toString(), "RewardRequested", payload);
    }

    public static UUID publish(String topic, String key, String type, Object payload) {
        UUID id = UUID.randomUUID();
        Map<String, Object> envelope = new java.util.LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("key", key);
        envelope.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        envelope.put("payload", payload);
        try {
            publishRaw(topic, key, JSON.writeValueAsString(envelope));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    public static void publishRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    private static KafkaProducer<String, String> producer;

    /** One producer for the JVM (creating one per record costs a metadata round trip each). */
    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            var props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Every record on the topic right now (all partitions, from the beginning to the end offsets). */
    public static List<Event> readAll(String topic) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "chain-test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Event> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(new Event(r.key(), JSON.readTree(r.value())));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }
}
