package ore.core.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/**
 * The trace of the work in progress, read from the one place it lives: the OpenTelemetry context
 * ({@link Span#current()}), which Micronaut carries across threads (event loop, virtual threads,
 * reactive chains) in its {@code PropagatedContext}. HTTP requests get it from the server span
 * (micronaut-tracing), Kafka records from their consumer span ({@code ore.events.tracing}); log lines
 * take {@code trace_id} and {@code span_id} from it too ({@code ore/logback-json.xml}).
 *
 * <p>{@value #TRACE_ID} and {@value #SPAN_ID} are the names of those log fields; {@value #HEADER} is
 * the W3C header (and the Kafka record header and envelope field) that carries a trace between
 * services.
 */
public final class TraceContext {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String TRACEPARENT = "traceparent";
    public static final String HEADER = "traceparent";

    private TraceContext() {
    }

    /** The current span as a traceparent, if any work is in progress (recorded or not). */
    public static Optional<TraceParent> current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(span.getTraceId(), span.getSpanId(), span.isSampled()));
    }

    /**
     * The traceparent to store with work that continues later elsewhere (an outbox event): the current
     * span, so whatever continues it becomes its child; a new trace when nothing is in progress.
     */
    public static TraceParent forOutgoing() {
        return current().orElseGet(TraceParent::newTrace);
    }
}
