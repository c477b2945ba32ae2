package ore.realtime.adapter.out.redis;

/** The broker contract with plain PUBLISH/SUBSCRIBE (Redis 6, the embedded Redis of the local run). */
class RedisPlainBrokerTest extends RedisBrokerTest {

    @Override
    boolean sharded() {
        return false;
    }
}
