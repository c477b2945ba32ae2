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
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Keeps the internal surface ({@code /internal/**}, {@code /metrics}) off the internet even if a
 * load-balancer rule is ever wrong: such a request that carries {@code X-Forwarded-For} came through
 * the ALB (which always writes the header, and a client cannot remove it) and is answered 404, as if
 * the route did not exist. Service-to-service calls (Cloud Map names, straight to the task) and
 * Prometheus scrapes do not pass a proxy and are served.
 *
 * <p>This is one of three layers: the ALB routes only {@code /api/*} and {@code /ws/*}; the tasks'
 * security group admits the internal port only from the other services' and the scraper's security
 * groups; and this filter. {@code ore.http.internal-surface-guard=false} turns it off (for a setup
 * where a trusted proxy sits in front of internal calls).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(property = "ore.http.internal-surface-guard", notEquals = "false")
public class InternalSurfaceFilter implements HttpServerFilter, Ordered {

    static boolean internal(String path) {
        return path.startsWith("/internal/") || path.equals("/internal") || path.equals("/metrics")
                || path.startsWith("/metrics/");
    }

    @Override
    public int getOrder() {
        // Before the rate limiter and authentication: a refused request costs nothing else.
        return ServerFilterPhase.FIRST.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (internal(request.getPath()) && request.getHeaders().contains("X-Forwarded-For")) {
            return Mono.just(ProblemResponses.of(request, HttpStatus.NOT_FOUND, "request.not_found",
                    "No such route.", null, null));
        }
        return chain.proceed(request);
    }
}
