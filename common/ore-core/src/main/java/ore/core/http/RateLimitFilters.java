package ore.core.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ore.core.ratelimit.RateDecision;
import ore.core.ratelimit.RateLimit;
import ore.core.ratelimit.RateLimitRoute;
import ore.core.ratelimit.RateLimitSettings;
import ore.core.ratelimit.RateLimiter;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The two rate-limit gates of every service. The IP gate runs before authentication, so a flood
 * of requests with bad tokens is still limited; the player gate runs after it, keyed on the token's
 * subject. Health and metrics are never limited: the load balancer and Prometheus must always see
 * the service. A denied request gets 429 with {@code Retry-After}.
 */
public final class RateLimitFilters {

    private RateLimitFilters() {
    }

    /**
     * Health and metrics, and the internal APIs: those answer services (service tokens, inside the
     * VPC only: the internal-surface guard refuses anything that came through the ALB), and one
     * caller task speaks for all the players it serves, so the players' budgets would throttle the
     * game as a whole.
     */
    static boolean exempt(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics")
                || path.startsWith("/internal/");
    }

    static Publisher<MutableHttpResponse<?>> check(HttpRequest<?> request, ServerFilterChain chain,
                                                   RateLimiter limiter, List<RateLimit> limits, String subject) {
        if (limits.isEmpty()) {
            return chain.proceed(request);
        }
        Mono<Optional<RateDecision>> denied = Flux.fromIterable(limits)
                .concatMap(limit -> Mono.fromCompletionStage(() -> limiter.acquire(limit, subject).toCompletableFuture()))
                .filter(d -> !d.allowed())
                .next()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        return denied.flatMapMany(d -> d.isPresent()
                ? Mono.just(ProblemResponses.of(request, HttpStatus.TOO_MANY_REQUESTS, "request.rate_limited",
                        "Too many requests; retry after the time in Retry-After.", null, d.get().retryAfter()))
                : Flux.from(chain.proceed(request)));
    }

    /** Per client IP (IPv6: per /64, see {@link ClientAddress}), before authentication. */
    @Filter(Filter.MATCH_ALL_PATTERN)
    @Requires(beans = RateLimiter.class)
    @Requires(property = RateLimitSettings.PREFIX + ".enabled", notEquals = "false")
    public static class ByIp implements HttpServerFilter, Ordered {

        private final RateLimiter limiter;
        private final RateLimitSettings settings;
        private final List<RateLimitRoute> routes;
        private final RateLimit defaultLimit;

        public ByIp(RateLimiter limiter, RateLimitSettings settings, List<RateLimitRoute> routes) {
            this.limiter = limiter;
            this.settings = settings;
            this.routes = routes.stream().filter(r -> r.per() == RateLimitRoute.Subject.IP).toList();
            this.defaultLimit = RateLimit.perMinute("ip", settings.perIpPerMinute());
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.SECURITY.before();
        }

        @Override
        public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
            if (exempt(request.getPath())) {
                return chain.proceed(request);
            }
            var limits = new ArrayList<RateLimit>();
            limits.add(defaultLimit);
            routes.stream().filter(r -> r.matches(request.getMethodName(), request.getPath()))
                    .map(RateLimitRoute::toLimit).forEach(limits::add);
            return check(request, chain, limiter, limits, ClientAddress.groupOf(request, settings.trustedProxies()));
        }
    }

    /** Per authenticated player (token subject), after authentication. */
    @Filter(Filter.MATCH_ALL_PATTERN)
    @Requires(beans = RateLimiter.class)
    @Requires(property = RateLimitSettings.PREFIX + ".enabled", notEquals = "false")
    public static class ByUser implements HttpServerFilter, Ordered {

        private final RateLimiter limiter;
        private final List<RateLimitRoute> routes;
        private final RateLimit defaultLimit;

        public ByUser(RateLimiter limiter, RateLimitSettings settings, List<RateLimitRoute> routes) {
            this.limiter = limiter;
            this.routes = routes.stream().filter(r -> r.per() == RateLimitRoute.Subject.USER).toList();
            this.defaultLimit = RateLimit.perMinute("user", settings.perUserPerMinute());
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.SECURITY.after();
        }

        @Override
        public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
            Optional<Principal> principal = request.getUserPrincipal();
            if (principal.isEmpty() || exempt(request.getPath())) {
                return chain.proceed(request);
            }
            var limits = new ArrayList<RateLimit>();
            limits.add(defaultLimit);
            routes.stream().filter(r -> r.matches(request.getMethodName(), request.getPath()))
                    .map(RateLimitRoute::toLimit).forEach(limits::add);
            return check(request, chain, limiter, limits, principal.get().getName());
        }
    }
}
