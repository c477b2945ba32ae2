package ore.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import ore.core.trace.OreSampler;
import org.junit.jupiter.api.Test;

/**
 * The services' log layout ({@code ore/logback-json.xml}): a line logged while a span is current
 * carries that span's trace_id and span_id, even though it is written later by the async appender;
 * a line outside any work carries none.
 */
class LogTraceFieldsTest {

    @Test
    void aLogLineCarriesTheCurrentSpan() throws Exception {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        var context = new LoggerContext();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as logback's provider does
            var configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream(
                    "<configuration><include resource=\"ore/logback-json.xml\"/></configuration>".getBytes(StandardCharsets.UTF_8)));
            var log = context.getLogger("ore.test");
            var tracer = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().setSampler(new OreSampler(1.0)).build()).build()
                    .getTracer("test");
            Span span = tracer.spanBuilder("work").setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope ignored = span.makeCurrent()) {
                log.info("inside the work");
            } finally {
                span.end();
            }
            log.info("outside any work");
            context.stop(); // stops the trace appender, which drains the async one behind it
            String[] lines = captured.toString(StandardCharsets.UTF_8).trim().split("\n");
            String inside = java.util.Arrays.stream(lines).filter(l -> l.contains("inside the work")).findFirst().orElseThrow();
            String outside = java.util.Arrays.stream(lines).filter(l -> l.contains("outside any work")).findFirst().orElseThrow();
            assertThat(inside).contains("\"trace_id\":\"" + span.getSpanContext().getTraceId() + "\"")
                    .contains("\"span_id\":\"" + span.getSpanContext().getSpanId() + "\"");
            assertThat(outside).doesNotContain("trace_id");
        } finally {
            System.setOut(original);
            context.stop();
        }
    }
}
