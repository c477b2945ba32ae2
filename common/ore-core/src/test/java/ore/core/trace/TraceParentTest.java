package ore.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void parsesAValidHeader() {
        var tp = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
        assertThat(tp.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(tp.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(tp.sampled()).isTrue();
        assertThat(tp.header()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void rejectsMalformedOrAllZeroValues() {
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.parse("garbage")).isEmpty();
        assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
        assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
    }

    @Test
    void childKeepsTheTraceAndChangesTheSpan() {
        var parent = TraceParent.newTrace();
        var child = parent.child();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId());
        assertThat(TraceParent.parse(child.header())).contains(child);
    }
}
