package ore.realtime.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import ore.testkit.OreInfra;
import ore.testkit.RedisCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A pub/sub connection that loses its link and comes back is reported once; first connections
 * (a cluster opening a node connection for its first subscription there) are not.
 */
class PubSubReconnectWatchTest {

    @Test
    void aKilledPubSubConnectionIsReportedWhenLettuceHasReconnectedIt() {
        RedisClient client = RedisClient.create(OreInfra.redis().uri());
        var reconnections = new AtomicInteger();
        client.addListener(new PubSubReconnectWatch(reconnections::incrementAndGet));
        try (var pubsub = client.connectPubSub(); var admin = client.connect()) {
            long id = pubsub.sync().clientId();
            pubsub.sync().subscribe("rt:test:" + id);
            assertThat(reconnections).hasValue(0);

            admin.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(id));

            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAtomic(reconnections, org.hamcrest.Matchers.is(1));
            // Resubscribed by Lettuce: the connection works again, and nothing else is reported.
            assertThat(pubsub.sync().ping()).isEqualTo("PONG");
            assertThat(reconnections).hasValue(1);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void onAClusterNewNodeConnectionsAreNotReconnectionsButKilledOnesAre() {
        try (RedisCluster cluster = RedisCluster.start()) {
            var client = cluster.client();
            var reconnections = new AtomicInteger();
            client.addListener(new PubSubReconnectWatch(reconnections::incrementAndGet));
            StatefulRedisClusterPubSubConnection<String, String> pubsub = client.connectPubSub();
            try {
                for (int i = 0; i < 20; i++) { // channels on every node
                    pubsub.sync().ssubscribe("rt:player:" + i);
                }
                assertThat(reconnections).as("first connections to each node").hasValue(0);

                for (int port : cluster.ports()) {
                    RedisClient node = RedisClient.create("redis://127.0.0.1:" + port);
                    try (var admin = node.connect()) {
                        admin.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
                    } finally {
                        node.shutdown();
                    }
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reconnections.get() >= 1);
            } finally {
                pubsub.close();
                client.shutdown();
            }
        }
    }
}
