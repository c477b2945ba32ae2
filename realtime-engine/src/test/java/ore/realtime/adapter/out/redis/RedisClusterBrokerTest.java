package ore.realtime.adapter.out.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import ore.realtime.app.BrokerContract;
import ore.realtime.app.port.Broker;
import ore.testkit.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The broker contract on a real three-master Redis Cluster with sharded pub/sub: what production
 * runs on (ElastiCache Serverless in cluster mode). Channels spread over the nodes by slot, so
 * SSUBSCRIBE has to be routed to each channel's node and its messages brought back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterBrokerTest extends BrokerContract {

    private RedisCluster cluster;
    private RedisClusterClient client;
    private StatefulRedisClusterConnection<String, String> commands;
    private ScheduledExecutorService scheduler;

    @BeforeAll
    void connect() {
        cluster = RedisCluster.start();
        client = cluster.client();
        commands = client.connect();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    void disconnect() {
        scheduler.shutdownNow();
        commands.close();
        client.shutdown();
        cluster.close();
    }

    @Override
    protected Broker newBroker() {
        StatefulRedisClusterPubSubConnection<String, String> pubsub = client.connectPubSub();
        pubsub.setNodeMessagePropagation(true); // as RealtimeFactory does
        return new RedisBroker(commands.async(), pubsub, true,
                new ore.core.realtime.RealtimeHistory.Settings(historySize(), Duration.ofMinutes(1), Duration.ofMinutes(1)),
                scheduler);
    }

    @Override
    protected void loseHistory(ore.realtime.domain.ChannelName channel) {
        String tag = ore.core.realtime.RealtimeHistory.tag(channel.value());
        commands.sync().del("rt:h:" + tag, "rt:m:" + tag); // one slot: the hash tag
    }

    @Override
    protected int historySize() {
        return 10;
    }
}
