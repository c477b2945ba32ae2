package ore.realtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ore.realtime.support.Engines;
import ore.realtime.support.Peers;
import ore.realtime.support.WsClient;
import ore.testkit.OreInfra;
import ore.testkit.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two engines configured as in production, {@code redis.uris} on a real Redis Cluster (ElastiCache
 * Serverless runs in cluster mode): they start, a producer's SPUBLISH through a cluster client
 * reaches clients on both instances under one offset, and history recovery works across them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterModeTest {

    Peers peers;
    RedisCluster cluster;
    EmbeddedServer a;
    EmbeddedServer b;
    RedisClusterClient producerClient;
    StatefulRedisClusterConnection<String, String> producer;

    @BeforeAll
    void start() {
        peers = new Peers();
        cluster = RedisCluster.start();
        var props = new HashMap<>(Engines.properties(peers, OreInfra.redis(), Map.of()));
        props.remove("redis.uri");
        props.put("redis.uris", cluster.uris());
        a = Engines.start(props);
        b = Engines.start(props);
        producerClient = cluster.client();
        producer = producerClient.connect();
    }

    @AfterAll
    void stop() {
        a.getApplicationContext().close();
        b.getApplicationContext().close();
        producer.close();
        producerClient.shutdown();
        cluster.close();
        peers.close();
    }

    @Test
    void producersReachClientsOnEveryInstanceThroughTheCluster() {
        UUID player = UUID.randomUUID();
        String channel = "player:" + player;
        try (var onA = WsClient.player(Engines.wsUrl(a), peers.token(player));
             var onB = WsClient.player(Engines.wsUrl(b), peers.token(player))) {
            var subA = onA.subscribe(channel);
            var subB = onB.subscribe(channel);
            assertThat(subA).containsEntry("type", "result");
            assertThat(subB).containsEntry("type", "result").containsEntry("epoch", subA.get("epoch"));

            for (int n = 1; n <= 3; n++) {
                producer.sync().spublish("rt:" + channel,
                        "{\"type\":\"inventory.changed\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":" + n + "}");
            }
            onA.await(f -> "push".equals(f.get("type")) && Integer.valueOf(3).equals(f.get("offset")));
            onB.await(f -> "push".equals(f.get("type")) && Integer.valueOf(3).equals(f.get("offset")));
            assertThat(onA.pushes(channel)).extracting(p -> p.get("offset")).containsExactly(1, 2, 3);
            assertThat(onB.pushes(channel)).extracting(p -> p.get("offset")).containsExactly(1, 2, 3);
        }
        // A client coming back to the other instance recovers from the history kept in the cluster.
        try (var again = WsClient.player(Engines.wsUrl(b), peers.token(player))) {
            var first = again.subscribe(channel);
            var recovered = again.call("unsubscribe", Map.of("channel", channel));
            assertThat(recovered).containsEntry("type", "result");
            var sub = again.call("subscribe", Map.of("channel", channel, "offset", 1, "epoch", first.get("epoch")));
            assertThat(sub).containsEntry("recovered", true);
            assertThat((java.util.List<?>) sub.get("publications")).hasSize(2);
        }
    }
}
