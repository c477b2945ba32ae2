package ore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaTest {

    @Test
    void producedRecordsAreConsumedThroughAGroup() throws Exception {
        String topic = OreInfra.createTopic("ore-testkit-" + UUID.randomUUID(), 3);
        assertThat(OreInfra.createTopic(topic, 3)).as("creating it again is harmless").isEqualTo(topic);

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 2), "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (received.size() < 10 && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(10);
        // Records of one key land on one partition, in the order they were sent.
        assertThat(received.stream().filter(r -> r.key().equals("key-0")).map(ConsumerRecord::value))
                .containsExactly("value-0", "value-2", "value-4", "value-6", "value-8");
        assertThat(received.stream().filter(r -> r.key().equals("key-1")).map(ConsumerRecord::partition).distinct())
                .hasSize(1);
    }

    @Test
    void micronautPropertiesNameWhatWasAskedFor() {
        Map<String, String> props = OreInfra.micronautProperties(Need.POSTGRES, Need.REDIS, Need.KAFKA);
        assertThat(props).containsKeys("datasources.default.url", "datasources.default.username",
                "datasources.default.password", "datasources.default.driver-class-name", "redis.uri",
                "kafka.bootstrap.servers");
        assertThat(props.get("kafka.bootstrap.servers")).isEqualTo(OreInfra.kafka());
        assertThat(OreInfra.micronautProperties(Need.REDIS)).containsOnlyKeys("redis.uri");
    }
}
