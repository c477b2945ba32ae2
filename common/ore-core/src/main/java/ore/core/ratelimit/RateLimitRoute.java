package ore.core.ratelimit;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * A stricter budget for one route, e.g.
 * <pre>
 * ore.rate-limit.routes.login:
 *   path: /api/auth/login      # prefix of the request path
 *   per: ip                    # ip | user
 *   limit: 10
 *   period: 1m
 * </pre>
 * It applies in addition to the defaults of {@link RateLimitSettings}.
 */
@EachProperty(RateLimitSettings.PREFIX + ".routes")
public record RateLimitRoute(
        @Parameter String name,
        String path,
        @Bindable(defaultValue = "IP") Subject per,
        int limit,
        @Bindable(defaultValue = "1m") Duration period,
        @Nullable String method) {

    public enum Subject { IP, USER }

    public RateLimit toLimit() {
        return new RateLimit("route." + name, limit, period);
    }

    public boolean matches(String requestMethod, String requestPath) {
        return requestPath.startsWith(path) && (method == null || method.equalsIgnoreCase(requestMethod));
    }
}
