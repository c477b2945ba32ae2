package ore.realtime.adapter.out.redis;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import ore.core.redis.LuaScript;
import ore.realtime.app.port.PresenceStore;
import ore.realtime.domain.ChannelName;

/**
 * {@link PresenceStore} as one sorted set per channel, {@code rt:p:{<channel>}}: member = client id,
 * score = the time (epoch ms) the entry expires. Counting first drops expired members; the key itself
 * expires {@code ttl} after the last renewal, so an abandoned channel leaves nothing behind.
 */
public final class RedisPresenceStore implements PresenceStore {

    private static final LuaScript COUNT = LuaScript.load("/redis/presence-count.lua");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final Duration ttl;
    private final Clock clock;

    public RedisPresenceStore(RedisClusterAsyncCommands<String, String> redis, Duration ttl, Clock clock) {
        this.redis = redis;
        this.ttl = ttl;
        this.clock = clock;
    }

    private static String key(ChannelName channel) {
        return "rt:p:{" + channel.value() + "}";
    }

    @Override
    public CompletionStage<Void> refresh(ChannelName channel, Collection<String> clientIds) {
        if (clientIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        double expires = clock.millis() + ttl.toMillis();
        @SuppressWarnings("unchecked")
        ScoredValue<String>[] values = clientIds.stream().map(id -> ScoredValue.just(expires, id)).toArray(ScoredValue[]::new);
        String key = key(channel);
        return redis.zadd(key, values).thenCompose(n -> redis.pexpire(key, ttl.toMillis())).thenApply(b -> null);
    }

    @Override
    public CompletionStage<Void> remove(ChannelName channel, String clientId) {
        return redis.zrem(key(channel), clientId).thenApply(n -> null);
    }

    @Override
    public CompletionStage<Long> count(ChannelName channel) {
        return COUNT.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key(channel)}, Long.toString(clock.millis()));
    }
}
