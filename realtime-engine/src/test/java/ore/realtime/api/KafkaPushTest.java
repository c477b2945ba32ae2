package ore.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import ore.realtime.support.Engines;
import ore.realtime.support.Peers;
import ore.realtime.support.WsClient;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Events on the real (in-process) Kafka broker reach the player's socket as pushes on player:<id>. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaPushTest {

    Peers peers;
    EmbeddedServer engine;
    KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        peers = new Peers();
        String bootstrap = OreInfra.kafka();
        for (String topic : new String[] {"ore.game.events", "ore.rewards.settled", "ore.chain.events"}) {
            OreInfra.createTopic(topic, 3);
        }
        engine = Engines.start(Engines.properties(peers, OreInfra.redis(), Map.of(
                "ore.realtime.kafka.enabled", "true",
                "kafka.enabled", "true",
                "kafka.bootstrap.servers", bootstrap,
                "ore.realtime.kafka.group-id", "realtime-test-" + UUID.randomUUID())));
        var props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    void stop() {
        producer.close(Duration.ofSeconds(5));
        engine.getApplicationContext().close();
        peers.close();
    }

    static String event(String type, String key, String payload) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"key\":\"" + key + "\",\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
                + "\"payload\":" + payload + "}";
    }

    @Test
    void gameAndSettlementEventsThatNameThePlayerArePushedToThem() {
        UUID player = UUID.randomUUID();
        try (var client = WsClient.player(Engines.wsUrl(engine), peers.token(player))) {
            client.subscribe("player:" + player);
            // The group starts at the latest offset once it has partitions; send until it is listening.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                producer.send(new ProducerRecord<>("ore.game.events", player.toString(), event("OreMined", player.toString(),
                        "{\"playerId\":\"" + player + "\",\"ore\":\"iron\",\"amount\":2}")));
                producer.send(new ProducerRecord<>("ore.game.events", "node-1", event("NodeDepleted", "node-1",
                        "{\"nodeId\":\"node-1\",\"cell\":\"8928308280fffff\"}")));
                producer.send(new ProducerRecord<>("ore.game.events", player.toString(), "not json"));
                producer.flush();
                return !client.pushes("player:" + player).isEmpty();
            });
            @SuppressWarnings("unchecked")
            var data = (Map<String, Object>) client.pushes("player:" + player).getFirst().get("data");
            assertThat(data).containsEntry("type", "game.OreMined").containsKeys("at", "eventId");
            assertThat((Map<String, Object>) data.get("payload")).containsEntry("ore", "iron").containsEntry("amount", 2);

            producer.send(new ProducerRecord<>("ore.rewards.settled", "r1", event("RewardSettled", "r1",
                    "{\"rewardId\":\"" + UUID.randomUUID() + "\",\"playerId\":\"" + player + "\",\"status\":\"PAID\"}")));
            producer.flush();
            client.await(f -> "push".equals(f.get("type"))
                    && "rewards.RewardSettled".equals(((Map<?, ?>) f.get("data")).get("type")));
            assertThat(client.pushes("player:" + player)).allMatch(p -> !"game.NodeDepleted".equals(((Map<?, ?>) p.get("data")).get("type")));
        }
    }
}
