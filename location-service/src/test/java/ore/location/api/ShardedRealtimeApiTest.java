package ore.location.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** The same as {@link RealtimeApiTest} with {@code ore.realtime.sharded-pubsub=true}: SPUBLISH / SSUBSCRIBE (Redis 7). */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedRealtimeApiTest extends RealtimeApiTest {

    @Override
    boolean sharded() {
        return true;
    }
}
