package ore.inference.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls to Triton through a traced channel are CLIENT spans in the caller's trace. */
class TritonTracingTest {

    @Test
    void aCallIsAChildOfTheWorkThatMadeIt() throws Exception {
        var spans = InMemorySpanExporter.create();
        try (var otel = OpenTelemetrySdk.builder()
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
             var server = TestTritonServer.start()) {
            ManagedChannel channel = TritonChannels.create(server.target(), TritonChannels.Options.plaintext(),
                    GrpcTelemetry.create(otel).newClientInterceptor());
            try (var client = new GrpcTritonClient(channel, TestClients.options(), TestClients.SCORER,
                    new SimpleMeterRegistry())) {
                Span request = otel.getTracer("test").spanBuilder("POST /api/location/updates")
                        .setSpanKind(SpanKind.SERVER).startSpan();
                try (Scope ignored = request.makeCurrent()) {
                    client.verifyModel();
                } finally {
                    request.end();
                }
                List<SpanData> calls = spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getKind() == SpanKind.CLIENT).toList();
                assertThat(calls).as("spans: %s", spans.getFinishedSpanItems()).isNotEmpty().allSatisfy(call -> {
                    assertThat(call.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
                    assertThat(call.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
                    assertThat(call.getName()).startsWith("inference.GRPCInferenceService/");
                    assertThat(call.getAttributes().asMap().toString()).contains("rpc.system=grpc");
                });
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
