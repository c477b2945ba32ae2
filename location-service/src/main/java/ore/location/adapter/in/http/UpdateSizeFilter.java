package ore.location.adapter.in.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import ore.core.http.ProblemResponses;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Location updates are at most 32 KiB (50 fixes take about 6 KiB). The server-wide limit is larger
 * because admin zones carry up to 1000 vertices; this filter holds updates to their own limit
 * before the body is read. Bodies without a length are still bounded by the server-wide limit.
 */
@Filter("/api/location/updates")
class UpdateSizeFilter implements HttpServerFilter {

    static final long MAX_BYTES = 32 * 1024;

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (request.getContentLength() > MAX_BYTES) {
            return Mono.just(ProblemResponses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request.too_large",
                    "A location update is at most " + MAX_BYTES + " bytes (50 fixes).", null, null));
        }
        return chain.proceed(request);
    }
}
