package ore.location.adapter.out.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.UUID;
import ore.location.app.port.MovementFeed;
import ore.location.config.LocationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MovementFeed} on Redis pub/sub: channel {@code rt:cell:<h3 res 9 address>}, message
 * {@code {"type":"player.moved","playerId","lat","lon","ts"}}. With {@code ore.realtime.sharded-pubsub}
 * it uses {@code SPUBLISH} (Redis 7 sharded pub/sub, which scales with the cluster's shards, as on
 * ElastiCache Serverless), otherwise {@code PUBLISH} (Redis 6, e.g. the embedded one of local runs).
 * Publishing does not wait for Redis: a lost live update is replaced by the next one.
 */
@Singleton
public class RedisMovementFeed implements MovementFeed {

    public static final String CHANNEL_PREFIX = "rt:cell:";

    private static final Logger LOG = LoggerFactory.getLogger(RedisMovementFeed.class);

    @Serdeable
    record Message(String type, UUID playerId, double lat, double lon, long ts) {
    }

    private final RedisClusterAsyncCommands<String, String> redis;
    private final JsonMapper json;
    private final boolean sharded;

    public RedisMovementFeed(RedisClusterAsyncCommands<String, String> redis, JsonMapper json,
                             LocationSettings.Realtime settings) {
        this.redis = redis;
        this.json = json;
        this.sharded = settings.shardedPubsub();
    }

    @Override
    public void playerMoved(String cellAddress, PlayerMoved moved) {
        String body;
        try {
            body = json.writeValueAsString(new Message("player.moved", moved.playerId(), moved.lat(), moved.lon(),
                    moved.ts()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a movement message", e);
        }
        String channel = CHANNEL_PREFIX + cellAddress;
        var published = sharded ? redis.spublish(channel, body) : redis.publish(channel, body);
        published.exceptionally(e -> {
            LOG.debug("Movement not published on {}: {}", channel, e.toString());
            return 0L;
        });
    }
}
