package ore.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The receiver decodes what the services' exporter sends: OTLP/HTTP protobuf, gzip, as configured. */
class OtlpReceiverTest {

    @Test
    void decodesTheSpansOfTheServicesExporter() throws Exception {
        try (var receiver = OtlpReceiver.start()) {
            var exporter = OtlpHttpSpanExporter.builder().setEndpoint(receiver.endpoint() + "/v1/traces")
                    .setCompression("gzip").setTimeout(Duration.ofSeconds(10)).build();
            try (var provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(io.opentelemetry.api.common.Attributes.of(
                            io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "game-service"))))
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
                var tracer = provider.get("test");
                Span server = tracer.spanBuilder("POST /api/game/mine").setSpanKind(SpanKind.SERVER)
                        .setAttribute("http.route", "/api/game/mine").startSpan();
                try (Scope ignored = server.makeCurrent()) {
                    tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan().end();
                } finally {
                    server.end();
                }
                provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);

                assertThat(receiver.await(spans -> spans.size() == 2, Duration.ofSeconds(10))).isTrue();
                assertThat(receiver.rejected()).isEmpty();
                var received = receiver.spans();
                var mine = received.stream().filter(s -> s.kind().equals("SPAN_KIND_SERVER")).findFirst().orElseThrow();
                var call = received.stream().filter(s -> s.kind().equals("SPAN_KIND_CLIENT")).findFirst().orElseThrow();
                assertThat(mine.service()).isEqualTo("game-service");
                assertThat(mine.attribute("http.route")).isEqualTo("/api/game/mine");
                assertThat(mine.traceId()).isEqualTo(server.getSpanContext().getTraceId());
                assertThat(mine.spanId()).isEqualTo(server.getSpanContext().getSpanId());
                assertThat(call.traceId()).isEqualTo(mine.traceId());
                assertThat(call.parentSpanId()).isEqualTo(mine.spanId());
            }
        }
    }
}
