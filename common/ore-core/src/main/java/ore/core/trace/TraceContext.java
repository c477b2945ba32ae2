package ore.core.trace;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * Where the current request's trace lives while it is being handled: the SLF4J MDC, which Micronaut
 * propagates across threads (event loop, virtual threads) through its {@code PropagatedContext}.
 *
 * <p>Keys: {@value #TRACE_ID} and {@value #SPAN_ID} appear in every JSON log line;
 * {@value #TRACEPARENT} is what outgoing HTTP calls and Kafka envelopes carry on.
 */
public final class TraceContext {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String TRACEPARENT = "traceparent";
    public static final String HEADER = "traceparent";

    private TraceContext() {
    }

    /** The traceparent of the work in progress, if any. */
    public static Optional<TraceParent> current() {
        return TraceParent.parse(MDC.get(TRACEPARENT));
    }

    /** The traceparent to hand to the next hop: a child of the current one, or a new trace. */
    public static TraceParent forOutgoing() {
        return current().map(TraceParent::child).orElseGet(TraceParent::newTrace);
    }
}
