package ore.game.adapter.in.kafka;

import ore.core.trace.TraceContext;
import ore.core.trace.TraceParent;
import org.slf4j.MDC;

/** Continues the producer's trace while an event is handled, so logs and outgoing events carry it. */
final class EventTrace implements AutoCloseable {

    private EventTrace() {
    }

    static EventTrace continueFrom(String traceparent) {
        TraceParent span = TraceParent.parse(traceparent).map(TraceParent::child).orElseGet(TraceParent::newTrace);
        MDC.put(TraceContext.TRACEPARENT, span.header());
        MDC.put(TraceContext.TRACE_ID, span.traceId());
        MDC.put(TraceContext.SPAN_ID, span.spanId());
        return new EventTrace();
    }

    @Override
    public void close() {
        MDC.remove(TraceContext.TRACEPARENT);
        MDC.remove(TraceContext.TRACE_ID);
        MDC.remove(TraceContext.SPAN_ID);
    }
}
