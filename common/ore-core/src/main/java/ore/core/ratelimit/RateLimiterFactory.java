package ore.core.ratelimit;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

@Factory
class RateLimiterFactory {

    @Singleton
    @Requires(beans = RedisClusterAsyncCommands.class)
    RateLimiter redisRateLimiter(RedisClusterAsyncCommands<String, String> redis, RateLimitSettings settings,
                                 MeterRegistry meters) {
        return new RedisRateLimiter(redis, settings.keyPrefix(), meters);
    }
}
