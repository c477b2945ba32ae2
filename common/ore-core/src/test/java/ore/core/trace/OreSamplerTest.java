package ore.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class OreSamplerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static Context parent(boolean sampled) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    }

    private static SamplingDecision decide(OreSampler sampler, Context parent, SpanKind kind) {
        return sampler.shouldSample(parent, TRACE, "x", kind, Attributes.empty(), List.of()).getDecision();
    }

    @Test
    void aSpanWithAParentFollowsTheParentsDecisionWhateverTheRatio() {
        for (double ratio : new double[] {0.0, 1.0}) {
            var sampler = new OreSampler(ratio);
            for (SpanKind kind : SpanKind.values()) {
                assertThat(decide(sampler, parent(true), kind)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
                assertThat(decide(sampler, parent(false), kind)).isEqualTo(SamplingDecision.DROP);
            }
        }
    }

    @Test
    void workFromOutsideStartsTracesAtTheRatio() {
        for (SpanKind kind : List.of(SpanKind.SERVER, SpanKind.CONSUMER, SpanKind.PRODUCER)) {
            assertThat(decide(new OreSampler(1.0), Context.root(), kind)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
            assertThat(decide(new OreSampler(0.0), Context.root(), kind)).isEqualTo(SamplingDecision.DROP);
        }
    }

    @Test
    void clientCallsAndInternalStepsNeverStartATrace() {
        for (SpanKind kind : List.of(SpanKind.CLIENT, SpanKind.INTERNAL)) {
            assertThat(decide(new OreSampler(1.0), Context.root(), kind)).isEqualTo(SamplingDecision.DROP);
        }
    }
}
