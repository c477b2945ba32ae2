package ore.game.api;

import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import ore.game.app.GameEvents;
import ore.game.domain.node.NodeId;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import ore.game.support.Topics;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a mine tells the rest of the system: OreMined / NodeDepleted on ore.game.events through the
 * outbox, and realtime messages on the Redis channels rt:player:<id> and rt:cell:<h3> (SPUBLISH).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsApiTest implements TestPropertyProvider {

    record Message(String channel, String body) {
    }

    final PeerStub peers = new PeerStub();
    final List<Message> received = new CopyOnWriteArrayList<>();
    RedisClient redisClient;
    StatefulRedisPubSubConnection<String, String> pubsub;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext db;

    @Value("${redis.uri}")
    String redisUri;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of());
    }

    @AfterAll
    void stop() {
        peers.close();
        if (pubsub != null) {
            pubsub.close();
            redisClient.shutdown();
        }
    }

    private void subscribe(String... channels) {
        if (pubsub == null) {
            redisClient = RedisClient.create(redisUri);
            pubsub = redisClient.connectPubSub();
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void smessage(String channel, String message) {
                    received.add(new Message(channel, message));
                }
            });
        }
        pubsub.sync().ssubscribe(channels);
    }

    @Test
    void aMineIsAnnouncedOnKafkaAndToThePlayerAndTheCell() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var node = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON, token)).list("nodes").getFirst();
        String nodeId = (String) node.get("nodeId");
        String cell = NodeId.parse(nodeId).cellHex();
        subscribe("rt:player:" + player, "rt:cell:" + cell);

        var r = call(http, json, mine(token, nodeId, newKey()));
        assertThat(r.status()).isEqualTo(200);

        var event = Topics.await(GameEvents.GAME_TOPIC, rec -> player.toString().equals(rec.key())
                && rec.value().contains("\"OreMined\""), 1).getFirst();
        assertThat(Topics.payload(json, event)).containsEntry("mineId", r.str("mineId"))
                .containsEntry("playerId", player.toString()).containsEntry("nodeId", nodeId).containsEntry("cell", cell)
                .containsEntry("ore", r.str("ore")).containsEntry("amount", 1);
        assertThat(event.headers().lastHeader("traceparent")).isNotNull();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(received).anySatisfy(m -> {
                assertThat(m.channel()).isEqualTo("rt:player:" + player);
                assertThat(GameApi.parse(json, m.body())).containsEntry("type", "inventory.changed")
                        .containsEntry("ore", r.str("ore")).containsEntry("balance", 1).containsEntry("delta", 1);
                // The envelope every realtime producer shares: type and at (ISO-8601 UTC) first.
                assertThat(m.body()).startsWith("{\"type\":\"inventory.changed\",\"at\":\"");
                assertThat(java.time.Instant.parse((String) GameApi.parse(json, m.body()).get("at")))
                        .isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
            });
            assertThat(received).anySatisfy(m -> {
                assertThat(m.channel()).isEqualTo("rt:cell:" + cell);
                assertThat(GameApi.parse(json, m.body())).containsEntry("type", "node.capacity")
                        .containsEntry("nodeId", nodeId).containsEntry("remaining", (int) r.num("nodeRemaining"));
            });
        });
    }

    @Test
    void takingTheLastUnitAnnouncesTheDepletion() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var nodes = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON, token)).list("nodes");
        String nodeId = (String) nodes.getLast().get("nodeId");
        String cell = NodeId.parse(nodeId).cellHex();
        db.execute("insert into game.node_capacity (node_id, hour, capacity, remaining, updated_at) values (?, ?, 50, 1, now()) "
                + "on conflict (node_id) do update set remaining = 1", nodeId, NodeId.parse(nodeId).hour());
        subscribe("rt:cell:" + cell);

        assertThat(call(http, json, mine(token, nodeId, newKey())).num("nodeRemaining")).isZero();

        // Other test classes mine the same nodes (same secret, same hour): match on this player too.
        var depleted = Topics.await(GameEvents.GAME_TOPIC, rec -> player.toString().equals(rec.key())
                && rec.value().contains("\"NodeDepleted\"") && rec.value().contains(nodeId), 1).getFirst();
        assertThat(Topics.payload(json, depleted)).containsEntry("nodeId", nodeId).containsEntry("lastMinerId", player.toString());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received).anySatisfy(m -> {
            assertThat(m.channel()).isEqualTo("rt:cell:" + cell);
            assertThat(GameApi.parse(json, m.body())).containsEntry("type", "node.depleted").containsEntry("remaining", 0);
        }));
    }
}
