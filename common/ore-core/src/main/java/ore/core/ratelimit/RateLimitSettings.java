package ore.core.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code ore.rate-limit.*}: the per-IP and per-player budgets every route gets by default (spec: 100
 * requests per minute), the Redis key prefix of the owning service, and how many reverse proxies in
 * front of the service append to {@code X-Forwarded-For}: 1 by default, as behind the ALB; set 0
 * ({@code ORE_RATE_LIMIT_TRUSTED_PROXIES=0}) wherever clients connect directly, or they could pick their
 * own address with the header. Stricter budgets for particular routes are {@link RateLimitRoute}s.
 */
@ConfigurationProperties(RateLimitSettings.PREFIX)
public record RateLimitSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "100") @Min(1) int perIpPerMinute,
        @Bindable(defaultValue = "100") @Min(1) int perUserPerMinute,
        @Bindable(defaultValue = "1") @Min(0) int trustedProxies,
        @Bindable(defaultValue = "ore:") String keyPrefix) {

    public static final String PREFIX = "ore.rate-limit";
}
