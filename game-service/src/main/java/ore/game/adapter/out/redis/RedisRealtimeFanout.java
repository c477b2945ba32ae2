package ore.game.adapter.out.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import ore.game.app.port.RealtimeFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realtime messages as JSON on Redis pub/sub channels {@code rt:player:<id>} and {@code rt:cell:<h3>}.
 * With {@code sharded} (Redis 7, ElastiCache Serverless) it uses SPUBLISH, which scales with the
 * cluster's shards; without it (Redis 6, the embedded Redis of the local run) plain PUBLISH. The
 * realtime-engine must subscribe the same way (SSUBSCRIBE or SUBSCRIBE).
 */
public class RedisRealtimeFanout implements RealtimeFanout {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRealtimeFanout.class);
    public static final String PLAYER_CHANNEL = "rt:player:";
    public static final String CELL_CHANNEL = "rt:cell:";

    private final RedisClusterAsyncCommands<String, String> redis;
    private final JsonMapper json;
    private final boolean sharded;
    private final Counter failures;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - Duration.ofMinutes(1).toNanos());

    public RedisRealtimeFanout(RedisClusterAsyncCommands<String, String> redis, JsonMapper json, boolean sharded,
                               MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.sharded = sharded;
        this.failures = Counter.builder("ore.game.realtime.publish.failures")
                .description("Realtime messages lost because Redis failed").register(meters);
    }

    @Override
    public void toPlayer(UUID playerId, Object message) {
        publish(PLAYER_CHANNEL + playerId, message);
    }

    @Override
    public void toCell(String cellHex, Object message) {
        publish(CELL_CHANNEL + cellHex, message);
    }

    private void publish(String channel, Object message) {
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot serialize realtime message {}", message.getClass().getSimpleName(), e);
            return;
        }
        try {
            (sharded ? redis.spublish(channel, text) : redis.publish(channel, text)).whenComplete((n, e) -> {
                if (e != null) {
                    failed(e);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Throwable e) {
        failures.increment();
        RedisCalls.warnThrottled(LOG, lastWarning, "Realtime publish", e);
    }
}
