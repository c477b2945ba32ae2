package ore.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;
import ore.testkit.OreInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Micronaut server with tracing as every service has it, calling itself over HTTP and Redis:
 * one trace, continued from the caller's traceparent, across server, client and Redis spans; the
 * trace id in responses and problem bodies; spans leaving over OTLP/HTTP to a receiver.
 */
class TracingIntegrationTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + TRACE + "-00f067aa0ba902b7-01";
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    private static HttpServer collector;
    private static final List<String> exports = new CopyOnWriteArrayList<>();
    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            exports.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.application.name", "trace-test",
                "micronaut.server.port", -1,
                "micronaut.security.enabled", false,
                "ore.rate-limit.enabled", false,
                "redis.uri", OreInfra.redis().uri(),
                "ore.otel.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "otel.bsp.schedule.delay", "100ms",
                "spec.name", "TracingIntegrationTest"));
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void oneTraceFromTheCallerThroughHttpAndRedisAndOutOverOtlp() {
        SPANS.reset();
        var response = client.toBlocking().exchange(HttpRequest.GET("/trace-test/hop").header("traceparent", CALLER),
                String.class);

        assertThat(response.header("traceresponse")).startsWith("00-" + TRACE + "-");
        assertThat(response.body()).as("the leaf saw the caller's trace").isEqualTo(TRACE);
        await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().size() >= 4);
        List<SpanData> spans = SPANS.getFinishedSpanItems();
        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE));
        SpanData hop = span(spans, SpanKind.SERVER, "/trace-test/hop");
        assertThat(hop.getParentSpanId()).as("a child of the caller's span").isEqualTo("00f067aa0ba902b7");
        assertThat(hop.getResource().getAttributes().asMap().toString())
                .contains("service.name=trace-test", "deployment.environment=local");
        SpanData call = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT
                && s.getAttributes().asMap().toString().contains("/trace-test/leaf")).findFirst().orElseThrow();
        assertThat(call.getParentSpanId()).isEqualTo(hop.getSpanId());
        assertThat(call.getAttributes().asMap().toString()).as("query values redacted")
                .contains("lat=?&lon=?").doesNotContain("37.5");
        SpanData leaf = span(spans, SpanKind.SERVER, "/trace-test/leaf");
        assertThat(leaf.getParentSpanId()).isEqualTo(call.getSpanId());
        SpanData redis = spans.stream().filter(s -> s.getName().equals("GET")).findFirst().orElseThrow();
        assertThat(redis.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(redis.getParentSpanId()).isEqualTo(hop.getSpanId());
        assertThat(redis.getAttributes().asMap().toString()).contains("db.system.name=redis")
                .doesNotContain("trace-test-key");

        await().atMost(Duration.ofSeconds(10)).until(() -> !exports.isEmpty());
        assertThat(exports.getFirst()).isEqualTo("POST /v1/traces application/x-protobuf");
    }

    @Test
    void aProblemNamesTheTraceOfTheRequest() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/trace-test/fail").header("traceparent", CALLER),
                        String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(409);
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("\"traceId\":\"" + TRACE + "\"");
        assertThat(e.getResponse().header("traceresponse")).startsWith("00-" + TRACE + "-");
    }

    @Test
    void healthChecksAreNotTraced() {
        SPANS.reset();
        var response = client.toBlocking().exchange(HttpRequest.GET("/health").header("traceparent", CALLER), String.class);
        assertThat(response.header("traceresponse")).isNull();
        client.toBlocking().exchange(HttpRequest.GET("/trace-test/leaf").header("traceparent", CALLER), String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SPANS.getFinishedSpanItems().isEmpty());
        assertThat(SPANS.getFinishedSpanItems()).extracting(SpanData::getName).noneMatch(n -> n.contains("health"));
    }

    private static SpanData span(List<SpanData> spans, SpanKind kind, String route) {
        return spans.stream().filter(s -> s.getKind() == kind && s.getName().contains(route)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span for " + route + " in " + spans));
    }

    @io.micronaut.context.annotation.Factory
    @Requires(property = "spec.name", value = "TracingIntegrationTest")
    static class InMemorySpans {
        @Singleton
        OpenTelemetryBuilderCustomizer inMemory() {
            return builder -> builder.addTracerProviderCustomizer(
                    (b, config) -> b.addSpanProcessor(SimpleSpanProcessor.create(SPANS)));
        }
    }

    @Controller("/trace-test")
    @Requires(property = "spec.name", value = "TracingIntegrationTest")
    static class TraceTestController {
        private final HttpClient self;
        private final RedisClusterAsyncCommands<String, String> redis;

        TraceTestController(@io.micronaut.http.client.annotation.Client("/") HttpClient self,
                            RedisClusterAsyncCommands<String, String> redis) {
            this.self = self;
            this.redis = redis;
        }

        @Get("/hop")
        @ExecuteOn(TaskExecutors.BLOCKING)
        String hop() throws Exception {
            redis.get("trace-test-key").get(5, TimeUnit.SECONDS);
            return self.toBlocking().retrieve("/trace-test/leaf?lat=37.5&lon=126.9");
        }

        @Get("/leaf")
        String leaf(@QueryValue @io.micronaut.core.annotation.Nullable String lat) {
            return TraceContext.current().map(TraceParent::traceId).orElse("none");
        }

        @Get("/fail")
        String fail() {
            throw new DomainException(ErrorCategory.CONFLICT, "test.conflict", "always");
        }
    }
}
