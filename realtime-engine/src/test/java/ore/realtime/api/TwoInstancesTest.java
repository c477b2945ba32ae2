package ore.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.time.Duration;
import ore.realtime.app.EngineMetrics;
import ore.realtime.support.RawWs;
import org.awaitility.Awaitility;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import ore.realtime.support.Engines;
import ore.realtime.support.Peers;
import ore.realtime.support.WsClient;
import ore.testkit.OreInfra;
import ore.testkit.RedisDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two engine instances sharing one real Redis, real WebSocket clients: fan-out across instances,
 * producers publishing straight to Redis, history and recovery, and channel authorisation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    Peers peers;
    RedisDb redisDb;
    EmbeddedServer a;
    EmbeddedServer b;
    RedisClient redisClient;
    StatefulRedisConnection<String, String> redis;
    H3Core h3;

    @BeforeAll
    void start() throws IOException {
        peers = new Peers();
        redisDb = OreInfra.redis();
        var props = Engines.properties(peers, redisDb, Map.of());
        a = Engines.start(props);
        b = Engines.start(props);
        redisClient = RedisClient.create(redisDb.uri());
        redis = redisClient.connect();
        h3 = H3Core.newInstance();
    }

    @AfterAll
    void stop() {
        a.getApplicationContext().close();
        b.getApplicationContext().close();
        redis.close();
        redisClient.shutdown();
        peers.close();
    }

    String randomCell() {
        var r = ThreadLocalRandom.current();
        return h3.latLngToCellAddress(-50 + r.nextDouble() * 100, -170 + r.nextDouble() * 340, 9);
    }

    /** A producer (game-service, location-service) publishing on the channel's Redis channel. */
    void produce(String channel, String json) {
        redis.sync().spublish("rt:" + channel, json);
    }

    @Test
    void aMessagePublishedOnOneInstanceReachesSubscribersOnTheOther() {
        String cell = randomCell();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        peers.placePlayer(alice, cell);
        peers.placePlayer(bob, h3.gridDisk(cell, 1).stream().filter(c -> !c.equals(cell)).findFirst().orElseThrow());
        try (var onA = WsClient.player(Engines.wsUrl(a), peers.token(alice));
             var onB = WsClient.player(Engines.wsUrl(b), peers.token(bob))) {
            assertThat(onA.subscribe("cell:" + cell)).containsEntry("type", "result").containsEntry("offset", 0);
            assertThat(onB.subscribe("cell:" + cell)).containsEntry("type", "result");

            var published = onA.call("publish", Map.of("channel", "cell:" + cell, "data", Map.of("emote", "wave")));
            assertThat(published).containsEntry("type", "result");

            var onBPush = onB.await(f -> "push".equals(f.get("type")));
            assertThat(onBPush).containsEntry("channel", "cell:" + cell).containsEntry("offset", 1);
            @SuppressWarnings("unchecked")
            var data = (Map<String, Object>) onBPush.get("data");
            assertThat(data).containsEntry("type", "client.message").containsEntry("from", alice.toString())
                    .containsEntry("data", Map.of("emote", "wave"));
            var onAPush = onA.await(f -> "push".equals(f.get("type")));
            assertThat(onAPush.get("epoch")).isEqualTo(onBPush.get("epoch"));
            assertThat(onAPush.get("offset")).isEqualTo(1);

            // A producer publishing straight to Redis (game-service's path) reaches both, under one offset.
            produce("cell:" + cell, "{\"type\":\"node.capacity\",\"at\":\"2026-01-01T00:00:00Z\",\"nodeId\":\"n1\",\"remaining\":3}");
            var second = onB.await(f -> "push".equals(f.get("type")) && Integer.valueOf(2).equals(f.get("offset")));
            assertThat(second.get("data")).isEqualTo(Map.of("type", "node.capacity", "at", "2026-01-01T00:00:00Z",
                    "nodeId", "n1", "remaining", 3));
            onA.await(f -> "push".equals(f.get("type")) && Integer.valueOf(2).equals(f.get("offset")));
            assertThat(onA.pushes("cell:" + cell)).hasSize(2);
            assertThat(onB.pushes("cell:" + cell)).hasSize(2);
        }
    }

    @Test
    void aReconnectingClientRecoversEverythingItMissedOnTheOtherInstance() {
        UUID player = UUID.randomUUID();
        String channel = "player:" + player;
        String epoch;
        try (var first = WsClient.player(Engines.wsUrl(a), peers.token(player))) {
            var sub = first.subscribe(channel);
            epoch = (String) sub.get("epoch");
            produce(channel, "{\"type\":\"inventory.changed\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":1}");
            first.await(f -> "push".equals(f.get("type")));
        }
        // Missed while disconnected: instance A still listens (linger), so history stays complete.
        for (int n = 2; n <= 4; n++) {
            produce(channel, "{\"type\":\"inventory.changed\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":" + n + "}");
        }
        try (var again = WsClient.player(Engines.wsUrl(b), peers.token(player))) {
            var recovered = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    again.call("subscribe", Map.of("channel", channel, "offset", 1, "epoch", epoch)), r -> {
                        if (!Integer.valueOf(4).equals(r.get("offset"))) {
                            again.call("unsubscribe", Map.of("channel", channel));
                            return false;
                        }
                        return true;
                    });
            assertThat(recovered).containsEntry("recovered", true).containsEntry("epoch", epoch);
            @SuppressWarnings("unchecked")
            var missed = (List<Map<String, Object>>) recovered.get("publications");
            assertThat(missed).extracting(p -> p.get("offset")).containsExactly(2, 3, 4);
            assertThat(missed).extracting(p -> (Object) ((Map<?, ?>) p.get("data")).get("n")).containsExactly(2, 3, 4);

            // Live messages continue after the recovered ones.
            produce(channel, "{\"type\":\"inventory.changed\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":5}");
            assertThat(again.await(f -> "push".equals(f.get("type")))).containsEntry("offset", 5);
        }
    }

    @Test
    void aGapLargerThanTheHistoryIsNotRecoveredPartially() {
        UUID player = UUID.randomUUID();
        String channel = "player:" + player;
        String epoch;
        try (var first = WsClient.player(Engines.wsUrl(a), peers.token(player))) {
            epoch = (String) first.subscribe(channel).get("epoch");
            for (int n = 1; n <= 25; n++) { // history-size is 20 in tests
                produce(channel, "{\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":" + n + "}");
            }
            first.await(f -> "push".equals(f.get("type")) && Integer.valueOf(25).equals(f.get("offset")));
        }
        try (var again = WsClient.player(Engines.wsUrl(b), peers.token(player))) {
            var answer = again.call("subscribe", Map.of("channel", channel, "offset", 0, "epoch", epoch));
            assertThat(answer).containsEntry("type", "result").containsEntry("recovered", false)
                    .containsEntry("offset", 25).doesNotContainKey("publications");
            var wrongEpoch = again.call("history", Map.of("channel", channel, "limit", 5));
            @SuppressWarnings("unchecked")
            var newest = (List<Map<String, Object>>) wrongEpoch.get("publications");
            assertThat(newest).extracting(p -> p.get("offset")).containsExactly(21, 22, 23, 24, 25);
        }
        try (var stale = WsClient.player(Engines.wsUrl(a), peers.token(player))) {
            var answer = stale.call("subscribe", Map.of("channel", channel, "offset", 3, "epoch", "not-the-epoch"));
            assertThat(answer).containsEntry("recovered", false);
        }
    }

    @Test
    void subscriptionsAreAuthorised() {
        UUID player = UUID.randomUUID();
        String home = randomCell();
        peers.placePlayer(player, home);
        String neighbour = h3.gridRing(home, 2).getFirst();
        String far = h3.gridRing(home, 3).getFirst();
        try (var client = WsClient.player(Engines.wsUrl(a), peers.token(player))) {
            assertThat(client.subscribe("player:" + UUID.randomUUID())).containsEntry("type", "error")
                    .containsEntry("code", "forbidden");
            assertThat(client.subscribe("player:" + player)).containsEntry("type", "result");
            assertThat(client.subscribe("global")).containsEntry("type", "result");
            assertThat(client.subscribe("cell:" + home)).containsEntry("type", "result");
            assertThat(client.subscribe("cell:" + neighbour)).containsEntry("type", "result");
            assertThat(client.subscribe("cell:" + far)).containsEntry("code", "forbidden");
            assertThat(client.subscribe("lobby:1")).containsEntry("code", "unknown_channel");
            assertThat(client.subscribe("cell:" + h3.cellToParentAddress(home, 8))).containsEntry("code", "forbidden");
            assertThat(client.subscribe("global")).containsEntry("code", "already_subscribed");
            assertThat(client.call("publish", Map.of("channel", "global", "data", Map.of("x", 1))))
                    .containsEntry("code", "publish_not_allowed");
            assertThat(client.call("publish", Map.of("channel", "player:" + player, "data", Map.of("x", 1))))
                    .containsEntry("code", "publish_not_allowed");
            assertThat(client.call("presence", Map.of("channel", "cell:" + far))).containsEntry("code", "not_subscribed");
            assertThat(client.call("unsubscribe", Map.of("channel", "cell:" + far))).containsEntry("code", "not_subscribed");
            assertThat(client.call("dance")).containsEntry("code", "unknown_request");
            assertThat(client.call("ping")).containsEntry("type", "result");
        }
        UUID nowhere = UUID.randomUUID();
        try (var client = WsClient.player(Engines.wsUrl(b), peers.token(nowhere))) {
            assertThat(client.subscribe("cell:" + home)).containsEntry("code", "forbidden");
        }
    }

    @Test
    void aSlowConsumerIsDisconnectedInsteadOfGrowingTheHeap() throws Exception {
        UUID player = UUID.randomUUID();
        var metrics = a.getApplicationContext().getBean(EngineMetrics.class);
        double before = metrics.slowConsumerDisconnects.count();
        try (var slow = RawWs.connect(a.getPort(), peers.token(player), 4096)) {
            assertThat(slow.handshakeResponse).startsWith("HTTP/1.1 101");
            slow.sendText("{\"id\":1,\"type\":\"subscribe\",\"channel\":\"player:" + player + "\"}");
            assertThat(slow.read().text()).contains("\"connected\"");
            assertThat(slow.read().text()).contains("\"result\""); // subscribed; from here on it never reads
            String big = "{\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\",\"pad\":\"" + "x".repeat(8000) + "\"}";
            for (int i = 0; i < 3000 && metrics.slowConsumerDisconnects.count() == before; i++) {
                redis.sync().spublish("rt:player:" + player, big.replace("\"t\"", "\"t" + i + "\""));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metrics.slowConsumerDisconnects.count() > before);
            assertThat(slow.drainUntilClosed()).isTrue();
        }
        try (var probe = WsClient.player(Engines.wsUrl(a), peers.token(UUID.randomUUID()))) {
            assertThat(probe.call("ping")).containsEntry("type", "result");
        }
    }

    @Test
    void presenceCountsSubscribersOfBothInstances() {
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        try (var one = WsClient.player(Engines.wsUrl(a), peers.token(p1));
             var two = WsClient.player(Engines.wsUrl(b), peers.token(p2))) {
            one.subscribe("global");
            two.subscribe("global");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    ((Number) one.call("presence", Map.of("channel", "global")).get("count")).intValue() == 2);
            two.call("unsubscribe", Map.of("channel", "global"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    ((Number) one.call("presence", Map.of("channel", "global")).get("count")).intValue() == 1);
        }
    }
}
