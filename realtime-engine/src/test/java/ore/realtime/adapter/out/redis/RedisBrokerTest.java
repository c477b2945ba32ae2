package ore.realtime.adapter.out.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import ore.core.realtime.RealtimeHistory;
import ore.realtime.app.BrokerContract;
import ore.realtime.app.port.Broker;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The broker contract on the real Redis, with sharded (SSUBSCRIBE) pub/sub; {@link RedisPlainBrokerTest} with SUBSCRIBE. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisBrokerTest extends BrokerContract {

    private RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private ScheduledExecutorService scheduler;

    boolean sharded() {
        return true;
    }

    @BeforeAll
    void connect() {
        client = RedisClient.create(OreInfra.redis().uri());
        commands = client.connect();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    void disconnect() {
        scheduler.shutdownNow();
        commands.close();
        client.shutdown();
    }

    /**
     * Offsets follow the publish order while Redis keeps losing the ingest script: the EVALSHA that
     * meets NOSCRIPT is retried with EVAL, which a later message's EVALSHA can overtake. The broker
     * therefore runs one ingest at a time per channel. The overtaking itself is a matter of
     * microseconds here; on a fresh cluster node it showed in RedisClusterBrokerTest before the fix.
     */
    @org.junit.jupiter.api.Test
    void offsetsFollowThePublishOrderAfterRedisLostTheScripts() {
        var inbox = new Inbox();
        Broker broker = started(inbox);
        var channel = ore.realtime.domain.ChannelName.player(java.util.UUID.randomUUID());
        broker.subscribe(channel).toCompletableFuture().join();
        for (int n = 1; n <= 30; n++) {
            if (n % 5 == 1) {
                // The script is gone: the next EVALSHA fails, its EVAL retry races the messages sent
                // a moment later (which find the script again once that EVAL has loaded it).
                commands.sync().scriptFlush();
            }
            if (n % 5 == 3) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            String json = "{\"type\":\"t\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":" + n + "}";
            if (sharded()) {
                commands.async().spublish("rt:" + channel.value(), json);
            } else {
                commands.async().publish("rt:" + channel.value(), json);
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox.received().size() == 30);
        for (int i = 0; i < 30; i++) {
            org.assertj.core.api.Assertions.assertThat(inbox.received().get(i).offset()).isEqualTo(i + 1L);
            org.assertj.core.api.Assertions.assertThat(inbox.received().get(i).data()).endsWith("\"n\":" + (i + 1) + "}");
        }
    }

    @Override
    protected Broker newBroker() {
        return new RedisBroker(commands.async(), client.connectPubSub(), sharded(),
                new RealtimeHistory.Settings(historySize(), Duration.ofMinutes(1), Duration.ofMinutes(1)), scheduler);
    }

    @Override
    protected void loseHistory(ore.realtime.domain.ChannelName channel) {
        String tag = RealtimeHistory.tag(channel.value());
        commands.sync().del("rt:h:" + tag, "rt:m:" + tag);
    }

    @Override
    protected int historySize() {
        return 10;
    }
}
