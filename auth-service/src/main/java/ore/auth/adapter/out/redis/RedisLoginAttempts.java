package ore.auth.adapter.out.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import ore.auth.app.port.LoginAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-login counters and locks in Redis: {@code auth:login:{<key>}:fail} (count, expiring after
 * the window) and {@code auth:login:{<key>}:lock} (present while locked). Both share a hash tag so
 * they live in one cluster slot. If Redis is unreachable the throttle fails open (logins still
 * work; the per-IP rate limit still applies) and says so in the log.
 */
@Singleton
public class RedisLoginAttempts implements LoginAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLoginAttempts.class);

    private final RedisClusterAsyncCommands<String, String> redis;

    public RedisLoginAttempts(RedisClusterAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Duration> lockRemaining(String key) {
        try {
            Long ttl = RedisCalls.await(redis.pttl(lockKey(key)));
            return ttl != null && ttl > 0 ? Optional.of(Duration.ofMillis(ttl)) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("Login throttle unavailable (lock check skipped): {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public long recordFailure(String key, Duration window) {
        try {
            long count = RedisCalls.await(redis.incr(failKey(key)));
            RedisCalls.await(redis.pexpire(failKey(key), window.toMillis()));
            return count;
        } catch (RuntimeException e) {
            LOG.warn("Login throttle unavailable (failure not counted): {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void lock(String key, Duration duration) {
        try {
            RedisCalls.await(redis.psetex(lockKey(key), duration.toMillis(), "1"));
        } catch (RuntimeException e) {
            LOG.warn("Login throttle unavailable (lock not set): {}", e.getMessage());
        }
    }

    @Override
    public void reset(String key) {
        try {
            RedisCalls.await(redis.del(failKey(key), lockKey(key)));
        } catch (RuntimeException e) {
            LOG.warn("Login throttle unavailable (reset skipped): {}", e.getMessage());
        }
    }

    private static String failKey(String key) {
        return "auth:login:{" + key + "}:fail";
    }

    private static String lockKey(String key) {
        return "auth:login:{" + key + "}:lock";
    }
}
