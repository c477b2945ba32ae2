package ore.events.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with a fresh consumer group. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Polls until {@code expected} records arrived (or the timeout passed), then keeps polling for
     * {@code settle} so that unexpected extra records (duplicates, rolled-back events) show up too.
     */
    public static List<ConsumerRecord<String, String>> read(String topic, int expected, Duration timeout,
                                                            Duration settle) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            Instant settleEnd = Instant.now().plus(settle);
            while (Instant.now().isBefore(settleEnd)) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    public static String newTopic(String prefix, int partitions) {
        return OreInfra.createTopic(prefix + "-" + UUID.randomUUID(), partitions);
    }
}
