package ore.inference.grpc;

import com.google.protobuf.ByteString;
import ore.inference.DataType;
import ore.inference.InferRequest;
import ore.inference.InferResult;
import ore.inference.ModelConfiguration;
import ore.inference.ModelMetadata;
import ore.inference.ServerMetadata;
import ore.inference.Tensor;
import ore.inference.TensorSpec;
import ore.inference.TritonClientOptions;
import ore.inference.grpc.proto.InferTensorContents;
import ore.inference.grpc.proto.ModelInferResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Happy paths against the test server: health, metadata, and every tensor type there and back. */
class GrpcTritonClientTest {

    private static TestTritonServer server;
    private TestClients clients;

    @BeforeAll
    static void startServer() {
        server = TestTritonServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        server.reset();
        clients = new TestClients();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        clients.close();
    }

    @Test
    void reportsLivenessAndReadiness() {
        GrpcTritonClient client = clients.create(server.target(), TestClients.options(), null);

        assertThat(client.serverLive()).isTrue();
        assertThat(client.serverReady()).isTrue();
        assertThat(client.modelReady()).isTrue();
        assertThat(client.probeReady(java.time.Duration.ofSeconds(1))).isTrue();

        server.ready(false);
        assertThat(client.serverReady()).isFalse();
        assertThat(client.modelReady()).isFalse();
        assertThat(client.probeReady(java.time.Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void readsServerAndModelMetadataAndConfig() {
        GrpcTritonClient client = clients.create(server.target(), TestClients.options(), null);

        ServerMetadata serverMetadata = client.serverMetadata();
        assertThat(serverMetadata.name()).isEqualTo("triton");
        assertThat(serverMetadata.extensions()).contains("model_configuration");

        ModelMetadata metadata = client.modelMetadata();
        assertThat(metadata.name()).isEqualTo(TestTritonServer.MODEL);
        assertThat(metadata.versions()).containsExactly("1");
        assertThat(metadata.inputs()).containsExactly(TensorSpec.of("FEATURES", DataType.FP32, -1, 4));
        assertThat(metadata.outputs()).containsExactly(TensorSpec.of("SCORE", DataType.FP32, -1, 1));

        ModelConfiguration config = client.modelConfig();
        assertThat(config.maxBatchSize()).isEqualTo(64);
        assertThat(config.backend()).isEqualTo("onnxruntime");
        assertThat(config.dynamicBatching()).isTrue();
        assertThat(config.maxQueueDelayMicros()).isEqualTo(100);
    }

    @Test
    void metadataListsTensorsOfUnsupportedTypesSeparately() {
        server.metadata(TestTritonServer.scorerMetadata(4).toBuilder()
                .addOutputs(TestTritonServer.tensor("EMBEDDING", "FP64", -1, 16)).build());
        GrpcTritonClient client = clients.create(server.target(), TestClients.options(), TestClients.SCORER);

        ModelMetadata metadata = client.verifyModel();

        assertThat(metadata.unsupportedTensors()).containsExactly("EMBEDDING FP64");
        assertThat(client.isModelVerified()).isTrue();
    }

    @Test
    void scoresWithRawLittleEndianTensors() {
        GrpcTritonClient client = clients.verified(server.target(), TestClients.options());

        InferResult result = client.infer(TestClients.features(1.5f, 2.25f, -1f, 100f));

        assertThat(result.floats("SCORE")).containsExactly(102.75f);
        assertThat(result.output("SCORE").shape()).containsExactly(1, 1);
        assertThat(result.modelName()).isEqualTo(TestTritonServer.MODEL);
    }

    @Test
    void roundTripsEveryTensorType() {
        server.model(TestTritonServer::echo);
        GrpcTritonClient client = clients.create(server.target(), TestClients.options(), null);
        client.verifyModel();
        InferRequest request = InferRequest.builder()
                .input(Tensor.fp32("F32", new float[]{1.5f, -0f, Float.MAX_VALUE, Float.NaN, 3e-39f, -7f}, 2, 3))
                .input(Tensor.int64("I64", new long[]{Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}, 2, 2))
                .input(Tensor.int32("I32", new int[]{Integer.MIN_VALUE, 0, 42}, 3))
                .input(Tensor.bool("B", new boolean[]{true, false, false, true}, 1, 4))
                .input(Tensor.bytes("S", List.of("".getBytes(), "광석".getBytes(StandardCharsets.UTF_8), new byte[]{0, -1}), 3))
                .input(Tensor.fp16("H", new float[]{0.5f, -2f, 1024f, 0.1f, 65504f, Float.NEGATIVE_INFINITY}, 1, 6))
                .id("req-7")
                .build();

        InferResult result = client.infer(request);

        assertThat(result.id()).isEqualTo("req-7");
        assertThat(result.floats("OUT_F32")).containsExactly(1.5f, -0f, Float.MAX_VALUE, Float.NaN, 3e-39f, -7f);
        assertThat(result.output("OUT_F32").shape()).containsExactly(2, 3);
        assertThat(result.longs("OUT_I64")).containsExactly(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE);
        assertThat(result.ints("OUT_I32")).containsExactly(Integer.MIN_VALUE, 0, 42);
        assertThat(result.booleans("OUT_B")).containsExactly(true, false, false, true);
        assertThat(result.output("OUT_S").strings()).containsExactly("", "광석", new String(new byte[]{0, -1}, StandardCharsets.UTF_8));
        assertThat(result.byteStrings("OUT_S").get(2)).containsExactly(0, -1);
        float[] halves = result.floats("OUT_H");
        assertThat(result.output("OUT_H").type()).isEqualTo(DataType.FP16);
        assertThat(halves[0]).isEqualTo(0.5f);
        assertThat(halves[1]).isEqualTo(-2f);
        assertThat(halves[2]).isEqualTo(1024f);
        assertThat(halves[3]).isCloseTo(0.1f, within(1e-4f));
        assertThat(halves[4]).isEqualTo(65504f);
        assertThat(halves[5]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void readsTypedContentsFromServersThatDoNotAnswerRaw() {
        server.model(request -> ModelInferResponse.newBuilder()
                .setModelName(request.getModelName())
                .addOutputs(typed("SCORE", "FP32", InferTensorContents.newBuilder().addFp32Contents(0.25f), 1, 1))
                .addOutputs(typed("IDS", "INT64", InferTensorContents.newBuilder().addInt64Contents(7).addInt64Contents(-8), 2))
                .addOutputs(typed("COUNTS", "INT32", InferTensorContents.newBuilder().addIntContents(3), 1))
                .addOutputs(typed("FLAG", "BOOL", InferTensorContents.newBuilder().addBoolContents(true), 1))
                .addOutputs(typed("LABEL", "BYTES", InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("ok")), 1))
                .build());
        GrpcTritonClient client = clients.verified(server.target(), TestClients.options());

        InferResult result = client.infer(TestClients.features(1, 2, 3, 4));

        assertThat(result.floats("SCORE")).containsExactly(0.25f);
        assertThat(result.longs("IDS")).containsExactly(7, -8);
        assertThat(result.ints("COUNTS")).containsExactly(3);
        assertThat(result.booleans("FLAG")).containsExactly(true);
        assertThat(result.output("LABEL").strings()).containsExactly("ok");
    }

    @Test
    void asksOnlyForTheRequestedOutputs() {
        server.model(request -> {
            assertThat(request.getOutputsList()).extracting(o -> o.getName()).containsExactly("SCORE");
            return TestTritonServer.score(request);
        });
        GrpcTritonClient client = clients.verified(server.target(), TestClients.options().withBatching(TritonClientOptions.Batching.DISABLED));

        InferResult result = client.infer(InferRequest.builder()
                .input(Tensor.fp32("FEATURES", new float[]{1, 1, 1, 1}, 1, 4)).output("SCORE").build());

        assertThat(result.floats("SCORE")).containsExactly(4f);
    }

    @Test
    void recordsLatencyAndBatchSizeMetrics() {
        GrpcTritonClient client = clients.verified(server.target(), TestClients.options());

        client.infer(TestClients.features(1, 2, 3, 4));

        assertThat(clients.registry.get("ore.inference.infer").tag("outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(clients.registry.get("ore.inference.rpc").tag("method", "ModelInfer").timer().count()).isEqualTo(1);
        assertThat(clients.registry.get("ore.inference.batch.size").summary().totalAmount()).isEqualTo(1);
        assertThat(clients.registry.get("ore.inference.breaker.state").gauge().value()).isZero();
    }

    private static ModelInferResponse.InferOutputTensor typed(String name, String datatype,
                                                              InferTensorContents.Builder contents, long... shape) {
        ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                .setName(name).setDatatype(datatype).setContents(contents);
        for (long dim : shape) {
            tensor.addShape(dim);
        }
        return tensor.build();
    }
}
