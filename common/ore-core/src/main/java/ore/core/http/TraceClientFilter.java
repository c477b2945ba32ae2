package ore.core.http;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import ore.core.trace.TraceContext;

/** Carries the current trace to every service this one calls through a Micronaut HTTP client. */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
public class TraceClientFilter {

    @RequestFilter
    public void propagate(MutableHttpRequest<?> request) {
        if (!request.getHeaders().contains(TraceContext.HEADER)) {
            request.header(TraceContext.HEADER, TraceContext.forOutgoing().header());
        }
    }
}
