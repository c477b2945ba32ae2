package ore.core.ratelimit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RateLimiter} on Redis with the GCRA script {@code ore/ratelimit/gcra.lua}. One key per
 * limit and subject, {@code <prefix>rl:<limit>:{<subject>}}, expiring by itself when idle; the
 * script runs atomically so concurrent instances never over-admit.
 */
public class RedisRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String keyPrefix;
    private final String script;
    private final Counter failOpen;
    private volatile String sha;

    public RedisRateLimiter(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, MeterRegistry meters) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.script = load();
        this.failOpen = Counter.builder("ore.ratelimit.fail_open")
                .description("Requests allowed because the rate-limit store could not be reached")
                .register(meters);
    }

    @Override
    public CompletionStage<RateDecision> acquire(RateLimit limit, String subject) {
        String key = keyPrefix + "rl:" + limit.name() + ":{" + subject + "}";
        String[] args = {Long.toString(limit.emissionIntervalMillis()), Long.toString(limit.period().toMillis())};
        String[] keys = {key};
        CompletionStage<List<Object>> call = sha == null
                ? redis.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args)
                : redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args);
        return call
                .exceptionallyCompose(e -> {
                    // After a Redis restart or failover the script cache is empty: send the body again.
                    if (String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                        sha = null;
                        return redis.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args);
                    }
                    return java.util.concurrent.CompletableFuture.failedStage(e);
                })
                .thenApply(RedisRateLimiter::decision)
                .whenComplete((d, e) -> {
                    if (e == null && sha == null) {
                        rememberSha();
                    }
                })
                .exceptionally(e -> {
                    failOpen.increment();
                    LOG.warn("Rate limiter unavailable, allowing request: {}", e.toString());
                    return RateDecision.allow(0);
                });
    }

    private void rememberSha() {
        redis.scriptLoad(script).thenAccept(s -> sha = s);
    }

    private static RateDecision decision(List<Object> reply) {
        long allowed = (Long) reply.get(0);
        long remaining = (Long) reply.get(1);
        long retryMs = (Long) reply.get(2);
        return allowed == 1 ? RateDecision.allow(remaining) : RateDecision.deny(Duration.ofMillis(retryMs));
    }

    private static String load() {
        try (InputStream in = RedisRateLimiter.class.getResourceAsStream("/ore/ratelimit/gcra.lua")) {
            if (in == null) {
                throw new IllegalStateException("ore/ratelimit/gcra.lua missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
