package ore.core.http;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.HashMap;
import ore.core.trace.TraceContext;
import ore.core.trace.TraceParent;
import org.reactivestreams.Publisher;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;

/**
 * Joins the caller's W3C trace (the {@code traceparent} header) or starts one, and makes it the
 * context of everything the request does: log lines (MDC, propagated across threads by Micronaut),
 * outgoing HTTP calls and the Kafka events it writes. The response carries {@code traceresponse}
 * so a client can quote the trace id.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class TraceFilter implements HttpServerFilter, Ordered {

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        TraceParent incoming = TraceParent.parse(request.getHeaders().get(TraceContext.HEADER)).orElse(null);
        TraceParent ours = incoming == null ? TraceParent.newTrace() : incoming.child();
        var mdc = new HashMap<String, String>();
        var existing = MDC.getCopyOfContextMap();
        if (existing != null) {
            mdc.putAll(existing);
        }
        mdc.put(TraceContext.TRACE_ID, ours.traceId());
        mdc.put(TraceContext.SPAN_ID, ours.spanId());
        mdc.put(TraceContext.TRACEPARENT, ours.header());
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                .plus(new MdcPropagationContext(mdc)).propagate()) {
            return Flux.from(chain.proceed(request))
                    .doOnNext(response -> response.header("traceresponse", ours.header()));
        }
    }
}
