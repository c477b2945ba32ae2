package ore.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import ore.realtime.app.EngineMetrics;
import ore.realtime.support.Engines;
import ore.realtime.support.Peers;
import ore.realtime.support.RawWs;
import ore.realtime.support.WsClient;
import ore.testkit.OreInfra;
import ore.testkit.RedisDb;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What a misbehaving or unlucky client meets: every case ends in an error frame or a close, never a crash. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectionTest {

    Peers peers;
    RedisDb redisDb;
    EmbeddedServer engine;
    String url;

    @BeforeAll
    void start() {
        peers = new Peers();
        redisDb = OreInfra.redis();
        engine = Engines.start(Engines.properties(peers, redisDb, Map.of(
                "ore.realtime.connection.max-frame-bytes", "1024",
                "ore.realtime.connection.outbound-queue-bytes", "16384",
                "ore.realtime.connection.heartbeat", "1s",
                "ore.realtime.connection.auth-timeout", "1s",
                "ore.realtime.connection.max-subscriptions", "3",
                "ore.realtime.connection.rate-per-second", "5",
                "ore.realtime.connection.rate-burst", "20",
                "ore.realtime.connection.rate-strikes", "15",
                "ore.realtime.connection.allowed-origins", "https://play.ore.game")));
        url = Engines.wsUrl(engine);
    }

    @AfterAll
    void stop() {
        engine.getApplicationContext().close();
        peers.close();
    }

    /** The engine still serves a fresh client (nothing crashed). */
    void stillServes() {
        try (var probe = WsClient.player(url, peers.token(UUID.randomUUID()))) {
            assertThat(probe.call("ping")).containsEntry("type", "result");
        }
    }

    @Test
    void malformedFramesGetAnErrorAndTheConnectionStays() {
        try (var client = WsClient.player(url, peers.token(UUID.randomUUID()))) {
            client.sendText("not json");
            assertThat(client.await(f -> "error".equals(f.get("type")))).containsEntry("id", 0)
                    .containsEntry("code", "bad_request");
            client.sendText("{\"type\":\"ping\"}");
            client.sendText("[1,2]");
            client.sendText("{\"id\":\"x\",\"type\":\"ping\"}");
            client.sendText("{\"id\":1,\"id\":2,\"type\":\"ping\"}");
            client.sendText("{\"id\":3}{\"id\":4}");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    client.frames().stream().filter(f -> "bad_request".equals(f.get("code"))).count() == 6);
            assertThat(client.call("subscribe", Map.of("channel", 42))).containsEntry("code", "bad_request");
            assertThat(client.call("ping")).containsEntry("type", "result");
        }
    }

    @Test
    void oversizedFramesCloseWith1009() {
        try (var client = WsClient.player(url, peers.token(UUID.randomUUID()))) {
            client.sendText("{\"id\":1,\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
            assertThat(client.awaitClosed().code()).isEqualTo(1009);
        }
        stillServes();
    }

    @Test
    void binaryFramesCloseWith1003() {
        try (var client = WsClient.player(url, peers.token(UUID.randomUUID()))) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitClosed().code()).isEqualTo(1003);
        }
        stillServes();
    }

    @Test
    void theTokenMayComeAsTheFirstFrame() {
        UUID player = UUID.randomUUID();
        try (var client = WsClient.connect(url)) {
            var answer = client.call("auth", Map.of("token", peers.token(player)));
            assertThat(answer).containsEntry("type", "result").containsEntry("player", player.toString())
                    .containsEntry("version", "ore.v1").containsKey("expiresAt");
            assertThat(client.subscribe("player:" + player)).containsEntry("type", "result");
            assertThat(client.call("auth", Map.of("token", peers.token(player)))).containsEntry("code", "already_authenticated");
        }
        try (var late = WsClient.connect(url, "ore.v1")) {
            assertThat(late.awaitClosed().code()).isEqualTo(4001);
        }
        try (var wrong = WsClient.connect(url)) {
            wrong.sendText("{\"id\":1,\"type\":\"subscribe\",\"channel\":\"global\"}");
            assertThat(wrong.awaitClosed().code()).isEqualTo(4001);
        }
        try (var forged = WsClient.connect(url)) {
            forged.sendText("{\"id\":1,\"type\":\"auth\",\"token\":\"" + peers.players().attacks("x").get("alg none") + "\"}");
            assertThat(forged.awaitClosed().code()).isEqualTo(4001);
        }
    }

    @Test
    void badTokensAndForeignOriginsAreRefusedAtTheHandshake() {
        for (var attack : peers.players().attacks(UUID.randomUUID().toString()).entrySet()) {
            assertThat(handshakeStatus(() -> WsClient.connect(url, "ore.v1", "bearer." + attack.getValue())))
                    .as(attack.getKey()).isEqualTo(401);
        }
        String token = peers.token(UUID.randomUUID());
        assertThat(handshakeStatus(() -> WsClient.connect(url, Map.of("Origin", "https://evil.example"), true, "ore.v1",
                "bearer." + token))).isEqualTo(403);
        try (var allowed = WsClient.connect(url, Map.of("Origin", "https://play.ore.game"), true, "ore.v1", "bearer." + token)) {
            assertThat(allowed.await(f -> "connected".equals(f.get("type")))).isNotNull();
        }
        assertThat(handshakeStatus(() -> WsClient.connect(url, "chat.v2"))).isEqualTo(400);
    }

    /** The HTTP status with which the server refused the upgrade. */
    static int handshakeStatus(Runnable connect) {
        try {
            connect.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof WebSocketHandshakeException h) {
                    return h.getResponse().statusCode();
                }
            }
            throw new AssertionError("not a refused handshake", e);
        }
        throw new AssertionError("the upgrade was accepted");
    }

    @Test
    void anExpiringTokenClosesTheConnectionUnlessRefreshed() {
        UUID player = UUID.randomUUID();
        String shortLived = peers.players().with(player.toString(),
                c -> c.expirationTime(Date.from(Instant.now().plusSeconds(10))));
        try (var expiring = WsClient.player(url, shortLived);
             var refreshed = WsClient.player(url, shortLived)) {
            assertThat(refreshed.call("refresh", Map.of("token", peers.token(UUID.randomUUID()))))
                    .containsEntry("code", "token_invalid");
            var answer = refreshed.call("refresh", Map.of("token", peers.token(player)));
            assertThat(answer).containsEntry("type", "result");
            assertThat(Instant.parse((String) answer.get("expiresAt"))).isAfter(Instant.now().plusSeconds(600));

            var closed = expiring.awaitClosed();
            assertThat(closed.code()).isEqualTo(4003);
            assertThat(closed.reason()).contains("expired");
            assertThat(refreshed.isClosed()).isFalse();
            assertThat(refreshed.call("ping")).containsEntry("type", "result");
        }
    }

    @Test
    void floodingClientsAreToldThenClosed() {
        try (var client = WsClient.player(url, peers.token(UUID.randomUUID()))) {
            for (int i = 1; i <= 60 && !client.isClosed(); i++) {
                client.sendText("{\"id\":" + i + ",\"type\":\"ping\"}");
            }
            assertThat(client.await(f -> "rate_limited".equals(f.get("code")))).containsEntry("type", "error");
            assertThat(client.awaitClosed().code()).isEqualTo(4005);
        }
        stillServes();
    }

    @Test
    void subscriptionsPerConnectionAreCapped() {
        UUID player = UUID.randomUUID();
        try (var client = WsClient.player(url, peers.token(player))) {
            assertThat(client.subscribe("global")).containsEntry("type", "result");
            assertThat(client.subscribe("player:" + player)).containsEntry("type", "result");
            assertThat(client.subscribe("player:" + UUID.randomUUID())).containsEntry("code", "forbidden");
            String cell = "cell:8928308280fffff";
            peers.placePlayer(player, "8928308280fffff");
            assertThat(client.subscribe(cell)).containsEntry("type", "result");
            assertThat(client.subscribe("cell:8928308280bffff")).containsEntry("code", "too_many_subscriptions");
            client.call("unsubscribe", Map.of("channel", "global"));
            assertThat(client.subscribe("cell:8928308280bffff")).containsEntry("type", "result");
        }
    }

    @Test
    void aSilentClientIsPingedThenClosedAsIdle() throws Exception {
        try (var silent = RawWs.connect(engine.getPort(), peers.token(UUID.randomUUID()), 0)) {
            assertThat(silent.read().text()).contains("\"connected\"");
            var ping = silent.read();
            assertThat(ping.opcode()).isEqualTo(0x9);
            var close = silent.read();
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.closeCode()).isEqualTo(4006);
        }
    }
}
