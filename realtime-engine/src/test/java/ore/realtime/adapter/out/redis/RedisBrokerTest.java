package ore.realtime.adapter.out.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import ore.realtime.app.BrokerContract;
import ore.realtime.app.port.Broker;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The broker contract on the real Redis, with sharded (SSUBSCRIBE) pub/sub; {@link RedisPlainBrokerTest} with SUBSCRIBE. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisBrokerTest extends BrokerContract {

    static final Duration LEASE = Duration.ofMillis(600);

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

    @Override
    protected Broker newBroker() {
        return new RedisBroker(commands.async(), client.connectPubSub(), sharded(),
                new RedisBroker.Settings(historySize(), Duration.ofMinutes(1), LEASE, Duration.ofMinutes(1)), scheduler);
    }

    @Override
    protected void letLeasesLapse() throws InterruptedException {
        Thread.sleep(LEASE.toMillis() * 3);
    }

    @Override
    protected int historySize() {
        return 10;
    }
}
