package ore.inference.grpc;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ore.inference.DataType;
import ore.inference.InferRequest;
import ore.inference.ModelSpec;
import ore.inference.Tensor;
import ore.inference.TritonClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Creates clients for tests and closes them, with their channels, afterwards. */
final class TestClients implements AutoCloseable {

    /** What the test server's scoring model is. */
    static final ModelSpec SCORER = ModelSpec.builder()
            .input("FEATURES", DataType.FP32, -1, TestTritonServer.FEATURES)
            .output("SCORE", DataType.FP32, -1, 1)
            .build();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<GrpcTritonClient> clients = new ArrayList<>();

    /**
     * Defaults with a 5 s inference deadline: a shared 2-core machine can stall a first call for
     * longer than the production 100 ms, and tests about deadlines set their own.
     */
    static TritonClientOptions options() {
        return TritonClientOptions.defaults(TestTritonServer.MODEL).withInferTimeout(java.time.Duration.ofSeconds(5));
    }

    GrpcTritonClient create(String target, TritonClientOptions options, ModelSpec spec) {
        ManagedChannel channel = TritonChannels.create(target, TritonChannels.Options.plaintext());
        channels.add(channel);
        GrpcTritonClient client = new GrpcTritonClient(channel, options, spec, registry);
        clients.add(client);
        return client;
    }

    /** A client of the scoring model, verified and ready for inference. */
    GrpcTritonClient verified(String target, TritonClientOptions options) {
        GrpcTritonClient client = create(target, options, SCORER);
        client.verifyModel();
        return client;
    }

    /** One row of features, which the scoring model sums. */
    static InferRequest features(float... row) {
        return InferRequest.builder().input(Tensor.fp32("FEATURES", row, 1, row.length)).build();
    }

    @Override
    public void close() throws InterruptedException {
        clients.forEach(GrpcTritonClient::close);
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
