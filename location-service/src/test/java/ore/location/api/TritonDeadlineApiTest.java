package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.walk;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import ore.inference.CircuitState;
import ore.inference.TritonClient;
import ore.inference.grpc.TestTritonServer;
import ore.inference.grpc.proto.DataType;
import ore.inference.grpc.proto.ModelConfig;
import ore.inference.grpc.proto.ModelInput;
import ore.inference.grpc.proto.ModelMetadataResponse;
import ore.inference.grpc.proto.ModelOutput;
import ore.location.domain.anticheat.FeatureExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The model's deadline travels with the request: location-service waits 50 ms for a score, so a
 * model answering in 300 ms must count as a failure for the client's breaker (DEADLINE_EXCEEDED),
 * not as a success the caller throws away. With the client's own, longer deadline on the request
 * the breaker would stay closed while every score arrives too late to be used.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TritonDeadlineApiTest implements TestPropertyProvider {

    static final TestTritonServer TRITON = TestTritonServer.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    TritonClient triton;

    @Override
    public Map<String, String> getProperties() {
        TRITON.metadata(ModelMetadataResponse.newBuilder()
                .setName(TestTritonServer.MODEL).addVersions("1").setPlatform("onnxruntime_onnx")
                .addInputs(TestTritonServer.tensor("FEATURES", "FP32", -1, FeatureExtractor.WINDOW, FeatureExtractor.FEATURES))
                .addOutputs(TestTritonServer.tensor("SCORE", "FP32", -1, 1))
                .build());
        TRITON.config(ModelConfig.newBuilder()
                .setName(TestTritonServer.MODEL).setPlatform("onnxruntime_onnx").setMaxBatchSize(0)
                .addInput(ModelInput.newBuilder().setName("FEATURES").setDataType(DataType.TYPE_FP32)
                        .addDims(FeatureExtractor.WINDOW).addDims(FeatureExtractor.FEATURES))
                .addOutput(ModelOutput.newBuilder().setName("SCORE").setDataType(DataType.TYPE_FP32).addDims(1))
                .build());
        TRITON.latency(Duration.ofMillis(300));
        return ApiTestSupport.properties(Map.of(
                "ore.location.anticheat.model", "triton",
                "ore.location.anticheat.model-timeout", "50ms",
                "ore.inference.target", TRITON.target(),
                "ore.inference.model", TestTritonServer.MODEL,
                "ore.inference.infer-timeout", "5s",
                "ore.inference.breaker.minimum-calls", "3",
                "ore.inference.breaker.sliding-window-size", "4",
                "ore.inference.breaker.open-duration", "5m"));
    }

    @AfterAll
    void stopServer() {
        TRITON.close();
    }

    @Test
    void lateScoresCountAgainstTheModelAndOpenTheBreaker() {
        for (int i = 0; i < 4; i++) {
            var r = call(http, json, post("/api/location/updates", batch(walk(randomPlace(), 1)),
                    playerToken(UUID.randomUUID())));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            // The rules alone decided (the score came too late).
            assertThat(r.list("results").getFirst().get("reasons")).isEqualTo(java.util.List.of());
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(triton.circuitState()).isEqualTo(CircuitState.OPEN));
    }
}
