package ore.auth.adapter.out.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import ore.auth.app.port.LoginAttempts;
import ore.auth.domain.account.LoginBackoff;

/**
 * {@link LoginAttempts} in Redis with the script {@code ore/auth/login_attempt.lua}. Keys share the
 * account's hash tag, so the script's keys live in one cluster slot:
 * {@code auth:login:{<account>}:c:<group>:n} (attempts of a client group), {@code ...:c:<group>:lock},
 * {@code auth:login:{<account>}:n} (attempts from all groups), {@code auth:login:{<account>}:slow}
 * and {@code auth:login:{<account>}:known:<group>} (kept for {@code knownClientTtl}).
 * Any Redis failure propagates as UNAVAILABLE: throttling fails closed.
 */
public class RedisLoginAttempts implements LoginAttempts {

    /** The account-wide part of the throttle. */
    public record Ceiling(int attempts, Duration slowInterval, Duration knownClientTtl) {
    }

    private final RedisClusterAsyncCommands<String, String> redis;
    private final LoginBackoff backoff;
    private final Ceiling ceiling;
    private final String script;

    public RedisLoginAttempts(RedisClusterAsyncCommands<String, String> redis, LoginBackoff backoff, Ceiling ceiling) {
        this.redis = redis;
        this.backoff = backoff;
        this.ceiling = ceiling;
        this.script = load();
    }

    @Override
    public Optional<Duration> begin(String account, String clientGroup) {
        String base = "auth:login:{" + account + "}";
        String[] keys = {base + ":c:" + clientGroup + ":n", base + ":c:" + clientGroup + ":lock", base + ":n",
                base + ":slow", base + ":known:" + clientGroup};
        String[] args = {Long.toString(backoff.window().toMillis()), Integer.toString(backoff.freeAttempts()),
                Long.toString(backoff.firstLock().toMillis()), Long.toString(backoff.maxLock().toMillis()),
                Integer.toString(ceiling.attempts()), Long.toString(ceiling.slowInterval().toMillis())};
        List<Object> reply = RedisCalls.await(redis.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args));
        if (reply == null || reply.size() != 2) {
            throw RedisCalls.unavailable();
        }
        long allowed = (Long) reply.get(0);
        long value = (Long) reply.get(1);
        return allowed == 1 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(1, value)));
    }

    @Override
    public void succeeded(String account, String clientGroup) {
        String base = "auth:login:{" + account + "}";
        RedisCalls.await(redis.del(base + ":c:" + clientGroup + ":n", base + ":c:" + clientGroup + ":lock"));
        RedisCalls.await(redis.set(base + ":known:" + clientGroup, "1",
                SetArgs.Builder.px(ceiling.knownClientTtl().toMillis())));
    }

    @Override
    public void passwordReset(String account, String clientGroup) {
        succeeded(account, clientGroup);
        String base = "auth:login:{" + account + "}";
        RedisCalls.await(redis.del(base + ":n", base + ":slow"));
    }

    private static String load() {
        try (InputStream in = RedisLoginAttempts.class.getResourceAsStream("/ore/auth/login_attempt.lua")) {
            if (in == null) {
                throw new IllegalStateException("ore/auth/login_attempt.lua missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
