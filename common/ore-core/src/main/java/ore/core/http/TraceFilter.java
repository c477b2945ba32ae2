package ore.core.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import ore.core.trace.TraceContext;
import ore.core.trace.TraceParent;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Tells the client which trace its request ran in: the response carries {@code traceresponse} (W3C
 * Trace Context Level 2) with the server span that micronaut-tracing started for the request, a
 * child of the caller's {@code traceparent} when it sent one. Runs right after that span exists.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class TraceFilter implements HttpServerFilter, Ordered {

    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        TraceParent ours = TraceContext.current().orElse(null);
        if (ours == null) {
            // Not traced (health checks, metric scrapes): nothing to report.
            return chain.proceed(request);
        }
        return Flux.from(chain.proceed(request))
                .doOnNext(response -> response.header("traceresponse", ours.header()));
    }
}
