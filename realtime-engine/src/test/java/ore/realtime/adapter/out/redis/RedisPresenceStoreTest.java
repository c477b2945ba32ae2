package ore.realtime.adapter.out.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import ore.realtime.app.PresenceStoreContract;
import ore.realtime.app.port.PresenceStore;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPresenceStoreTest extends PresenceStoreContract {

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private PresenceStore store;

    @BeforeAll
    void connect() {
        client = RedisClient.create(OreInfra.redis().uri());
        connection = client.connect();
        store = new RedisPresenceStore(connection.async(), TTL, Clock.systemUTC());
    }

    @AfterAll
    void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Override
    protected PresenceStore store() {
        return store;
    }
}
