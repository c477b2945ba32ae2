package ore.game.adapter.out.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import ore.game.app.port.MineGuard;
import ore.game.domain.mining.IdempotencyKey;

/** {@link MineGuard} as {@code SET game:{p:<id>}:mining:<key> NX PX <ttl>}. */
@Singleton
public class RedisMineGuard implements MineGuard {

    private final RedisClusterAsyncCommands<String, String> redis;

    public RedisMineGuard(RedisClusterAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public boolean begin(UUID playerId, IdempotencyKey key, Duration ttl) {
        return "OK".equals(RedisCalls.await(redis.set(name(playerId, key), "1", SetArgs.Builder.nx().px(ttl.toMillis()))));
    }

    @Override
    public void end(UUID playerId, IdempotencyKey key) {
        // Not awaited: a mark left behind only makes a retry wait for its expiry.
        redis.del(name(playerId, key));
    }

    private static String name(UUID playerId, IdempotencyKey key) {
        return "game:{p:" + playerId + "}:mining:" + key.value();
    }
}
