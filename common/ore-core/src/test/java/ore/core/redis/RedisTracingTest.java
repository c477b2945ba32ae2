package ore.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import ore.core.trace.OreSampler;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lettuce's tracing hook against a real Redis: a command is a child of the work that sent it. */
class RedisTracingTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .setSampler(new OreSampler(1.0)).addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    private final ClientResources resources = ClientResources.builder().tracing(RedisTracing.tracing(otel)).build();
    private final RedisClient client = RedisClient.create(resources, RedisURI.create(OreInfra.redis().uri()));

    @AfterEach
    void close() {
        client.shutdown();
        resources.shutdown();
        otel.close();
    }

    @Test
    void aCommandIsAChildOfTheWorkThatSentItAndCarriesNoArguments() throws Exception {
        try (var connection = client.connect()) {
            Span request = otel.getTracer("test").spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope ignored = request.makeCurrent()) {
                connection.async().set("ore:trace-test:key", "secret-value").get(5, TimeUnit.SECONDS);
            } finally {
                request.end();
            }
            // Without work in progress a command starts no trace of its own (the sampler drops it).
            connection.async().get("ore:trace-test:key").get(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> spans.getFinishedSpanItems().size() >= 2);
        SpanData request = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("request")).findFirst().orElseThrow();
        SpanData set = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("SET")).findFirst().orElseThrow();
        assertThat(set.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(set.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(set.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(set.getAttributes().asMap().toString()).contains("db.system.name=redis", "db.operation.name=SET")
                .doesNotContain("secret-value").doesNotContain("ore:trace-test:key");
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).doesNotContain("GET");
    }
}
