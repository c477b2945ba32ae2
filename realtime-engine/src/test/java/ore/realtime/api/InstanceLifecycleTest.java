package ore.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import ore.realtime.support.EngineProcess;
import ore.realtime.support.Engines;
import ore.realtime.support.Peers;
import ore.realtime.support.WsClient;
import ore.testkit.OreInfra;
import ore.testkit.RedisDb;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Instances that crash or are stopped, as separate processes next to an in-process instance sharing Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceLifecycleTest {

    Peers peers;
    RedisDb redisDb;
    Map<String, String> props;
    EmbeddedServer survivor;

    @BeforeAll
    void start() {
        peers = new Peers();
        redisDb = OreInfra.redis();
        props = Engines.properties(peers, redisDb, Map.of());
        survivor = Engines.start(props);
    }

    @AfterAll
    void stop() {
        survivor.getApplicationContext().close();
        peers.close();
    }

    @Test
    void aKilledInstanceLeavesNoPresenceGhosts() throws Exception {
        try (var doomed = EngineProcess.start(props);
             var here = WsClient.player(Engines.wsUrl(survivor), peers.token(UUID.randomUUID()));
             var there = WsClient.player(doomed.wsUrl(), peers.token(UUID.randomUUID()))) {
            String channel = "global";
            assertThat(here.subscribe(channel)).containsEntry("type", "result");
            assertThat(there.subscribe(channel)).containsEntry("type", "result");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(here, channel) == 2);

            doomed.process().destroyForcibly(); // SIGKILL: no cleanup runs
            assertThat(doomed.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(there.awaitClosed().code()).isEqualTo(1006);

            // The dead instance's entry expires with the presence TTL (3 s in tests); ours is renewed.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(here, channel) == 1);
            Thread.sleep(4000);
            assertThat(count(here, channel)).isEqualTo(1);
        }
    }

    @Test
    void sigtermClosesClientsWith1012AndAJitteredReconnectHint() throws Exception {
        try (var stopping = EngineProcess.start(props)) {
            var clients = new java.util.ArrayList<WsClient>();
            for (int i = 0; i < 5; i++) {
                var client = WsClient.player(stopping.wsUrl(), peers.token(UUID.randomUUID()));
                client.subscribe("global");
                clients.add(client);
            }
            stopping.process().destroy(); // SIGTERM, as ECS sends on a Spot interruption
            var hints = new java.util.HashSet<Long>();
            for (var client : clients) {
                var closed = client.awaitClosed();
                assertThat(closed.code()).isEqualTo(1012);
                assertThat(closed.reason()).contains("reconnect after");
                var notice = client.await(f -> "disconnect".equals(f.get("type")));
                assertThat(notice).containsEntry("code", 1012);
                long hint = ((Number) notice.get("reconnectAfterMs")).longValue();
                assertThat(hint).isBetween(1000L, 3000L); // reconnect-min .. reconnect-max in tests
                hints.add(hint);
            }
            assertThat(hints).as("jittered, not one value for all").hasSizeGreaterThan(1);
            assertThat(stopping.process().waitFor(60, TimeUnit.SECONDS)).as(stopping.tail()).isTrue();
        }
    }

    private static int count(WsClient client, String channel) {
        return ((Number) client.call("presence", Map.of("channel", channel)).get("count")).intValue();
    }
}
