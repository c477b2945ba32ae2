package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.walk;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.inference.grpc.TestTritonServer;
import ore.inference.grpc.proto.ModelInferRequest;
import ore.inference.grpc.proto.ModelInferResponse;
import ore.inference.grpc.proto.ModelMetadataResponse;
import ore.inference.grpc.proto.DataType;
import ore.inference.grpc.proto.ModelConfig;
import ore.inference.grpc.proto.ModelInput;
import ore.inference.grpc.proto.ModelOutput;
import ore.location.domain.anticheat.FeatureExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The anti-cheat model served over real gRPC (inference-client's Triton test server speaking KServe
 * v2 on loopback) through the production adapter {@code TritonCheatModel}: scores change verdicts,
 * and when the server goes away mid-test the rules alone decide and the player sees no error.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TritonAntiCheatApiTest implements TestPropertyProvider {

    static final TestTritonServer TRITON = TestTritonServer.start();
    static volatile float score = 0.99f;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        TRITON.metadata(ModelMetadataResponse.newBuilder()
                .setName(TestTritonServer.MODEL).addVersions("1").setPlatform("onnxruntime_onnx")
                .addInputs(TestTritonServer.tensor("FEATURES", "FP32", -1, FeatureExtractor.WINDOW, FeatureExtractor.FEATURES))
                .addOutputs(TestTritonServer.tensor("SCORE", "FP32", -1, 1))
                .build());
        TRITON.config(ModelConfig.newBuilder()
                .setName(TestTritonServer.MODEL).setPlatform("onnxruntime_onnx").setMaxBatchSize(64)
                .addInput(ModelInput.newBuilder().setName("FEATURES").setDataType(DataType.TYPE_FP32)
                        .addDims(FeatureExtractor.WINDOW).addDims(FeatureExtractor.FEATURES))
                .addOutput(ModelOutput.newBuilder().setName("SCORE").setDataType(DataType.TYPE_FP32).addDims(1))
                .build());
        TRITON.model(TritonAntiCheatApiTest::answer);
        return ApiTestSupport.properties(Map.of(
                "ore.location.anticheat.model", "triton",
                "ore.location.anticheat.model-timeout", "500ms",
                "ore.inference.target", TRITON.target(),
                "ore.inference.model", TestTritonServer.MODEL,
                "ore.inference.infer-timeout", "400ms",
                "ore.inference.breaker.minimum-calls", "2",
                "ore.inference.breaker.sliding-window-size", "4"));
    }

    @AfterAll
    void stopServer() {
        TRITON.close();
    }

    /** The same score for every row of the (possibly batched) request. */
    private static ModelInferResponse answer(ModelInferRequest request) {
        int rows = (int) request.getInputs(0).getShape(0);
        ByteBuffer out = ByteBuffer.allocate(rows * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            out.putFloat(score);
        }
        return ModelInferResponse.newBuilder().setModelName(request.getModelName()).setModelVersion("1")
                .setId(request.getId())
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("SCORE").setDatatype("FP32")
                        .addShape(rows).addShape(1))
                .addRawOutputContents(ByteString.copyFrom(out.flip()))
                .build();
    }

    private List<Map<String, Object>> results(UUID player, int fixes) {
        var r = call(http, json, post("/api/location/updates", batch(walk(randomPlace(), fixes)), playerToken(player)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.list("results");
    }

    @Test
    @Order(1)
    void aHighScoreFromTritonRejectsOtherwisePlausibleFixes() {
        score = 0.99f;
        var results = results(UUID.randomUUID(), 3);
        assertThat(results).extracting(x -> x.get("verdict")).containsOnly("REJECTED");
        assertThat(results.getFirst().get("reasons")).isEqualTo(List.of("model_rejected"));
        assertThat(TRITON.calls("ModelInfer")).isPositive();

        score = 0.05f;
        assertThat(results(UUID.randomUUID(), 3)).extracting(x -> x.get("verdict")).containsOnly("TRUSTED");
    }

    @Test
    @Order(2)
    void tritonGoingAwayMidGameFallsBackToTheRules() {
        score = 0.99f;
        TRITON.close();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            var results = results(UUID.randomUUID(), 4);
            assertThat(results).extracting(x -> x.get("verdict")).containsOnly("TRUSTED");
            assertThat((System.nanoTime() - started) / 1_000_000).as("bounded by the model timeout").isLessThan(5_000);
        }
    }
}
