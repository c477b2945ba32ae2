package ore.inference.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import ore.inference.grpc.proto.DataType;
import ore.inference.grpc.proto.GRPCInferenceServiceGrpc;
import ore.inference.grpc.proto.ModelConfig;
import ore.inference.grpc.proto.ModelConfigRequest;
import ore.inference.grpc.proto.ModelConfigResponse;
import ore.inference.grpc.proto.ModelDynamicBatching;
import ore.inference.grpc.proto.ModelInferRequest;
import ore.inference.grpc.proto.ModelInferResponse;
import ore.inference.grpc.proto.ModelInput;
import ore.inference.grpc.proto.ModelMetadataRequest;
import ore.inference.grpc.proto.ModelMetadataResponse;
import ore.inference.grpc.proto.ModelOutput;
import ore.inference.grpc.proto.ModelReadyRequest;
import ore.inference.grpc.proto.ModelReadyResponse;
import ore.inference.grpc.proto.ServerLiveRequest;
import ore.inference.grpc.proto.ServerLiveResponse;
import ore.inference.grpc.proto.ServerMetadataRequest;
import ore.inference.grpc.proto.ServerMetadataResponse;
import ore.inference.grpc.proto.ServerReadyRequest;
import ore.inference.grpc.proto.ServerReadyResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Triton stand-in: a real gRPC server (Netty, loopback, ephemeral port) implementing
 * {@code inference.GRPCInferenceService} from the same proto as the client, with one model whose
 * behaviour, latency and failures a test can set.
 *
 * <p>The default model, {@value #MODEL}, scores rows of features: input {@code FEATURES} FP32
 * {@code [-1, 4]}, output {@code SCORE} FP32 {@code [-1, 1]}, the sum of each row. It decodes its
 * input with its own little-endian reader, so a byte-order mistake in the client shows up as wrong
 * sums rather than cancelling out.
 */
public final class TestTritonServer implements AutoCloseable {

    public static final String MODEL = "anticheat";
    public static final int FEATURES = 4;

    private final Server server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Queue<Status>> failures = new ConcurrentHashMap<>();
    private final Queue<Long> batchSizes = new ConcurrentLinkedQueue<>();

    private volatile ModelMetadataResponse metadata;
    private volatile ModelConfig config;
    private volatile Function<ModelInferRequest, ModelInferResponse> model;
    private volatile Duration latency;
    private volatile Semaphore instances;
    private volatile boolean ready;
    private volatile long lastInferNanos;

    private TestTritonServer(int port) throws IOException {
        reset();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .executor(executor)
                .addService(new Service())
                .build()
                .start();
    }

    public static TestTritonServer start() {
        return startOn(0);
    }

    /** On a fixed port, e.g. to bring a server back where a client expects it. */
    public static TestTritonServer startOn(int port) {
        try {
            return new TestTritonServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String target() {
        return "127.0.0.1:" + port();
    }

    /** Back to the scoring model with max batch size 64, no latency, no failures, counters zeroed. */
    public void reset() {
        metadata = scorerMetadata(FEATURES);
        config = scorerConfig(64);
        model = TestTritonServer::score;
        latency = Duration.ZERO;
        instances = null;
        ready = true;
        calls.clear();
        failures.clear();
        batchSizes.clear();
    }

    public void metadata(ModelMetadataResponse value) {
        metadata = value;
    }

    public void config(ModelConfig value) {
        config = value;
    }

    public void model(Function<ModelInferRequest, ModelInferResponse> value) {
        model = value;
    }

    /** Time each ModelInfer takes before answering. */
    public void latency(Duration value) {
        latency = value;
    }

    /**
     * Model instances executing at once, like a GPU running one batch at a time; 0 for no limit.
     */
    public void instances(int count) {
        instances = count == 0 ? null : new Semaphore(count, true);
    }

    public void ready(boolean value) {
        ready = value;
    }

    /** The next {@code times} calls of {@code method} (e.g. "ModelInfer") fail with {@code status}. */
    public void failNext(String method, int times, Status status) {
        Queue<Status> queue = failures.computeIfAbsent(method, k -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(status);
        }
    }

    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /** Leading dimension of the first input of every ModelInfer received, in arrival order. */
    public List<Long> batchSizes() {
        return new ArrayList<>(batchSizes);
    }

    /** Time the last ModelInfer spent inside the server (latency and model included). */
    public long lastInferNanos() {
        return lastInferNanos;
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    // ---- the default model --------------------------------------------------------------------

    public static ModelMetadataResponse scorerMetadata(int features) {
        return ModelMetadataResponse.newBuilder()
                .setName(MODEL).addVersions("1").setPlatform("onnxruntime_onnx")
                .addInputs(tensor("FEATURES", "FP32", -1, features))
                .addOutputs(tensor("SCORE", "FP32", -1, 1))
                .build();
    }

    public static ModelConfig scorerConfig(int maxBatchSize) {
        return ModelConfig.newBuilder()
                .setName(MODEL).setPlatform("onnxruntime_onnx").setBackend("onnxruntime")
                .setMaxBatchSize(maxBatchSize)
                .addInput(ModelInput.newBuilder().setName("FEATURES").setDataType(DataType.TYPE_FP32).addDims(FEATURES))
                .addOutput(ModelOutput.newBuilder().setName("SCORE").setDataType(DataType.TYPE_FP32).addDims(1))
                .setDynamicBatching(ModelDynamicBatching.newBuilder().addPreferredBatchSize(maxBatchSize)
                        .setMaxQueueDelayMicroseconds(100))
                .build();
    }

    public static ModelMetadataResponse.TensorMetadata tensor(String name, String datatype, long... shape) {
        ModelMetadataResponse.TensorMetadata.Builder tensor = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(name).setDatatype(datatype);
        for (long dim : shape) {
            tensor.addShape(dim);
        }
        return tensor.build();
    }

    /** SCORE[r] = sum of FEATURES[r, *], raw little-endian in and out. */
    public static ModelInferResponse score(ModelInferRequest request) {
        ModelInferRequest.InferInputTensor input = request.getInputs(0);
        if (!input.getName().equals("FEATURES") || !input.getDatatype().equals("FP32") || input.getShapeCount() != 2) {
            throw Status.INVALID_ARGUMENT.withDescription("expected FEATURES FP32 [n, " + FEATURES + "], got "
                    + input.getName() + " " + input.getDatatype() + " " + input.getShapeList()).asRuntimeException();
        }
        int rows = (int) input.getShape(0);
        int columns = (int) input.getShape(1);
        ByteBuffer in = request.getRawInputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() != rows * columns * 4) {
            throw Status.INVALID_ARGUMENT.withDescription("FEATURES has " + in.remaining() + " bytes").asRuntimeException();
        }
        ByteBuffer out = ByteBuffer.allocate(rows * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            float sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += in.getFloat();
            }
            out.putFloat(sum);
        }
        return ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setModelVersion("1").setId(request.getId())
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName("SCORE").setDatatype("FP32").addShape(rows).addShape(1))
                .addRawOutputContents(ByteString.copyFrom(out.flip()))
                .build();
    }

    /** Every input back as output {@code OUT_<name>}, same type, shape and bytes. */
    public static ModelInferResponse echo(ModelInferRequest request) {
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setModelVersion("1").setId(request.getId());
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            response.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName("OUT_" + input.getName()).setDatatype(input.getDatatype()).addAllShape(input.getShapeList()));
            response.addRawOutputContents(request.getRawInputContents(i));
        }
        return response.build();
    }

    // ---- the service --------------------------------------------------------------------------

    private final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

        @Override
        public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
            answer("ServerLive", response, () -> ServerLiveResponse.newBuilder().setLive(true).build());
        }

        @Override
        public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
            answer("ServerReady", response, () -> ServerReadyResponse.newBuilder().setReady(ready).build());
        }

        @Override
        public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
            answer("ModelReady", response, () -> ModelReadyResponse.newBuilder()
                    .setReady(ready && request.getName().equals(metadata.getName())).build());
        }

        @Override
        public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> response) {
            answer("ServerMetadata", response, () -> ServerMetadataResponse.newBuilder()
                    .setName("triton").setVersion("2.61.0")
                    .addExtensions("classification").addExtensions("model_configuration").build());
        }

        @Override
        public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
            answer("ModelMetadata", response, () -> {
                requireModel(request.getName());
                return metadata;
            });
        }

        @Override
        public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> response) {
            answer("ModelConfig", response, () -> {
                requireModel(request.getName());
                return ModelConfigResponse.newBuilder().setConfig(config).build();
            });
        }

        @Override
        public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
            answer("ModelInfer", response, () -> {
                requireModel(request.getModelName());
                long start = System.nanoTime();
                batchSizes.add(request.getInputsCount() == 0 || request.getInputs(0).getShapeCount() == 0
                        ? 0 : request.getInputs(0).getShape(0));
                Semaphore slots = instances;
                try {
                    if (slots != null) {
                        slots.acquireUninterruptibly();
                    }
                    try {
                        if (!latency.isZero()) {
                            Thread.sleep(latency);
                        }
                        return model.apply(request);
                    } finally {
                        if (slots != null) {
                            slots.release();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Status.CANCELLED.asRuntimeException();
                } finally {
                    lastInferNanos = System.nanoTime() - start;
                }
            });
        }

        private void requireModel(String name) {
            if (!name.equals(metadata.getName())) {
                throw Status.NOT_FOUND.withDescription("Request for unknown model: '" + name + "' is not found")
                        .asRuntimeException();
            }
        }

        private <T> void answer(String method, StreamObserver<T> response, java.util.function.Supplier<T> body) {
            calls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
            Queue<Status> queue = failures.get(method);
            Status failure = queue == null ? null : queue.poll();
            if (failure != null) {
                response.onError(failure.asRuntimeException());
                return;
            }
            T value;
            try {
                value = body.get();
            } catch (RuntimeException e) {
                response.onError(Status.fromThrowable(e).asRuntimeException());
                return;
            }
            response.onNext(value);
            response.onCompleted();
        }
    }
}
