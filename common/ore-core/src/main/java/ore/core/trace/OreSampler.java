package ore.core.trace;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Which spans are recorded. A span with a parent follows the parent's decision (the caller's
 * {@code traceparent} flag, or the local parent's), so a trace is kept or dropped whole across
 * services. A span that starts a trace is recorded with probability {@code ratio} (by trace id, so
 * every service decides alike) when it is work arriving from outside: a request (SERVER), a Kafka
 * record (CONSUMER) or a record sent on its own (PRODUCER). A client call or internal step without a
 * parent (a scheduled job's SQL, the outbox poller's queries, Redis housekeeping) is never recorded:
 * it would be a one-span trace every few hundred milliseconds that nobody asked for.
 *
 * <p>With export off, {@code ratio} is 0: nothing this service starts is recorded, and only a caller
 * that asked for its trace to be sampled gets spans here (which nothing exports).
 */
public final class OreSampler implements Sampler {

    private final Sampler roots;
    private final double ratio;

    public OreSampler(double ratio) {
        this.ratio = ratio;
        this.roots = Sampler.traceIdRatioBased(ratio);
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        if (parent.isValid()) {
            return parent.isSampled() ? SamplingResult.recordAndSample() : SamplingResult.drop();
        }
        if (spanKind == SpanKind.CLIENT || spanKind == SpanKind.INTERNAL) {
            return SamplingResult.drop();
        }
        return roots.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "OreSampler{parent-based; roots: SERVER/CONSUMER/PRODUCER at " + ratio + ", CLIENT/INTERNAL never}";
    }
}
