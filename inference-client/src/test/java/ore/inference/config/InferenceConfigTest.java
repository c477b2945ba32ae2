package ore.inference.config;

import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import ore.inference.DataType;
import ore.inference.InferRequest;
import ore.inference.ModelSpec;
import ore.inference.Tensor;
import ore.inference.TritonClient;
import ore.inference.TritonClientOptions;
import ore.inference.grpc.TestTritonServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Micronaut wiring: settings, factory, start-up check, health. */
class InferenceConfigTest {

    private static final ModelSpec SCORER = ModelSpec.builder()
            .input("FEATURES", DataType.FP32, -1, 4)
            .output("SCORE", DataType.FP32, -1, 1)
            .build();

    private static TestTritonServer server;

    @BeforeAll
    static void startServer() {
        server = TestTritonServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void createsNothingWithoutATarget() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            assertThat(context.containsBean(TritonClient.class)).isFalse();
            assertThat(context.containsBean(TritonHealthIndicator.class)).isFalse();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bindsSettingsAndVerifiesTheModelAtStartup() {
        Map<String, Object> properties = properties(server.target());
        properties.put("ore.inference.infer-timeout", "1500ms");
        properties.put("ore.inference.max-concurrent-calls", "12");
        properties.put("ore.inference.batching.max-delay", "3ms");
        properties.put("ore.inference.batching.max-batch-size", "16");
        properties.put("ore.inference.breaker.open-duration", "2s");
        properties.put("ore.inference.retry.max-attempts", "4");
        properties.put("ore.inference.channel.keepalive-time", "45s");

        ManagedChannel channel;
        try (ApplicationContext context = start(properties)) {
            channel = context.getBean(ManagedChannel.class, Qualifiers.byName("triton"));
            TritonClient client = context.getBean(TritonClient.class);
            TritonClientOptions options = client.options();
            assertThat(options.model()).isEqualTo(TestTritonServer.MODEL);
            assertThat(options.inferTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(options.maxConcurrentCalls()).isEqualTo(12);
            assertThat(options.batching()).isEqualTo(new TritonClientOptions.Batching(true, 16, Duration.ofMillis(3)));
            assertThat(options.breaker().openDuration()).isEqualTo(Duration.ofSeconds(2));
            assertThat(options.breaker().failureRateThreshold()).isEqualTo(50);
            assertThat(options.retry().maxAttempts()).isEqualTo(4);
            assertThat(context.getBean(InferenceSettings.class).channel().keepaliveTime()).isEqualTo(Duration.ofSeconds(45));

            assertThat(client.isModelVerified()).isTrue();
            assertThat(client.infer(InferRequest.builder()
                    .input(Tensor.fp32("FEATURES", new float[]{1, 2, 3, 4}, 1, 4)).build()).floats("SCORE"))
                    .containsExactly(10f);

            HealthResult health = Mono.from(context.getBean(TritonHealthIndicator.class).getResult()).block();
            assertThat(health.getName()).isEqualTo("triton");
            assertThat(health.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat((Map<String, Object>) health.getDetails()).containsEntry("ready", true).containsEntry("breaker", "CLOSED");
        }
        assertThat(channel.isShutdown()).as("channel closed with the context").isTrue();
    }

    @Test
    void aModelThatDiffersFromTheServicesSpecStopsTheStartup() {
        server.metadata(TestTritonServer.scorerMetadata(8));

        ApplicationContext context = ApplicationContext.builder()
                .properties(properties(server.target())).singletons(SCORER).build();
        try {
            assertThatThrownBy(context::start)
                    .hasStackTraceContaining("input FEATURES has shape [-1, 8], expected [-1, 4]");
        } finally {
            context.close();
        }
    }

    @Test
    void anUnreachableTritonDoesNotStopTheStartupAndIsDegradedNotDown() throws IOException {
        try (ApplicationContext context = start(properties("127.0.0.1:" + freePort()))) {
            TritonClient client = context.getBean(TritonClient.class);
            assertThat(client.isModelVerified()).isFalse();

            HealthResult health = Mono.from(context.getBean(TritonHealthIndicator.class).getResult()).block();
            assertThat(health.getStatus().getName()).isEqualTo("DEGRADED");
            assertThat(health.getStatus().getOperational()).contains(true);
        }
        Map<String, Object> required = properties("127.0.0.1:" + freePort());
        required.put("ore.inference.health-required", "true");
        try (ApplicationContext context = start(required)) {
            HealthResult health = Mono.from(context.getBean(TritonHealthIndicator.class).getResult()).block();
            assertThat(health.getStatus()).isEqualTo(HealthStatus.DOWN);
        }
    }

    @Test
    void healthEndpointAnswers200WhileTritonIsAway() throws IOException {
        Map<String, Object> properties = properties("127.0.0.1:" + freePort());
        properties.put("micronaut.server.port", "-1");
        properties.put("endpoints.all.path", "/");
        properties.put("endpoints.health.sensitive", "false");
        properties.put("endpoints.health.details-visible", "ANONYMOUS");
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(SCORER).start();
             EmbeddedServer http = context.getBean(EmbeddedServer.class).start();
             HttpClient client = HttpClient.create(http.getURL())) {

            HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body()).contains("\"triton\"").contains("DEGRADED");
        }
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().properties(properties).singletons(SCORER).start();
    }

    private static Map<String, Object> properties(String target) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("ore.inference.target", target);
        properties.put("ore.inference.model", TestTritonServer.MODEL);
        properties.put("ore.inference.metadata-timeout", "500ms");
        properties.put("ore.inference.health-timeout", "300ms");
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
