package ore.events.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ore.testkit.OreInfra;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The lag gauge against the in-process Kafka broker: a consumer that fell behind shows how far. */
class ConsumerLagTest {

    @Test
    void aConsumerBehindItsTopicShowsItsLagAndOneGaugePerConsumer() throws Exception {
        String topic = "lag-test-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
            }
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "lag-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            var meters = new SimpleMeterRegistry();
            var lag = new ConsumerLag(null, meters);
            assertThat(lag.bind(Set.of("ore-test-listener"), id -> consumer)).isEqualTo(1);
            assertThat(lag.bind(Set.of("ore-test-listener"), id -> consumer)).as("bound once").isEqualTo(1);
            var gauge = meters.get("ore.kafka.consumer.lag").tag("consumer", "ore-test-listener").gauge();
            assertThat(gauge.value()).as("no fetch yet: unknown").isNaN();

            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
            assertThat(gauge.value()).as("fetched from the start of 20 records").isGreaterThan(0);
        }
    }
}
