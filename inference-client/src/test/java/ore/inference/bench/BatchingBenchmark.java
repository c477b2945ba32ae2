package ore.inference.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ore.inference.DataType;
import ore.inference.InferRequest;
import ore.inference.InferenceException;
import ore.inference.ModelSpec;
import ore.inference.Tensor;
import ore.inference.TritonClientOptions;
import ore.inference.grpc.GrpcTritonClient;
import ore.inference.grpc.TestTritonServer;
import ore.inference.grpc.TritonChannels;
import ore.inference.grpc.proto.GRPCInferenceServiceGrpc;
import ore.inference.grpc.proto.ModelInferRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the client against the test server with a fixed 1 ms model latency, on
 * loopback. Measures
 * <ol>
 *   <li>the client's overhead per call: single caller, no batching, latency seen by the caller
 *       minus the time the call spent inside the server's handler (so the 1 ms sleep and its
 *       overshoot are excluded; what is left is both gRPC stacks, HTTP/2 on loopback, protobuf
 *       and this client's own work);</li>
 *   <li>throughput with 64 concurrent callers, with and without client-side micro-batching, once
 *       against a server that runs one model execution at a time (like one GPU model instance
 *       without Triton's dynamic batching) and once against one that runs any number at once.</li>
 * </ol>
 * Runs in about 30 s:
 * {@code ./mvnw -pl inference-client -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=ore.inference.bench.BatchingBenchmark}
 */
public final class BatchingBenchmark {

    private static final Duration SERVER_LATENCY = Duration.ofMillis(1);
    private static final int CALLERS = 64;
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(4);
    private static final ModelSpec SPEC = ModelSpec.builder()
            .input("FEATURES", DataType.FP32, -1, TestTritonServer.FEATURES)
            .output("SCORE", DataType.FP32, -1, 1)
            .build();

    private BatchingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        System.out.printf(Locale.ROOT, "inference-client benchmark: test server on loopback, %d ms model latency, %d cores, %s%n",
                SERVER_LATENCY.toMillis(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (TestTritonServer server = TestTritonServer.start()) {
            server.latency(SERVER_LATENCY);
            overhead(server);
            System.out.println();
            System.out.printf(Locale.ROOT, "Throughput, %d callers in closed loops, %d s each after %d s warm-up%n",
                    CALLERS, MEASURE.toSeconds(), WARM_UP.toSeconds());
            System.out.printf(Locale.ROOT, "%-34s %-14s %10s %9s %9s %10s %8s%n",
                    "server", "client batching", "infer/s", "p50 ms", "p99 ms", "RPCs/s", "rows/RPC");
            for (int instances : new int[]{1, 0}) {
                for (boolean batching : new boolean[]{false, true}) {
                    throughput(server, instances, batching);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%ntotal %.1f s%n", (System.nanoTime() - begin) / 1e9);
    }

    private static void overhead(TestTritonServer server) throws InterruptedException {
        try (Client client = new Client(server, TritonClientOptions.Batching.DISABLED)) {
            InferRequest request = features(1);
            long warmUpEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < warmUpEnd) {
                client.grpc.infer(request);
            }
            // The same call through the bare generated stub, on the same channel: what gRPC, HTTP/2
            // on loopback and the test server cost without this client's layers.
            GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(client.channel);
            ModelInferRequest raw = ModelInferRequest.newBuilder()
                    .setModelName(TestTritonServer.MODEL)
                    .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("FEATURES").setDatatype("FP32")
                            .addShape(1).addShape(TestTritonServer.FEATURES))
                    .addRawInputContents(ByteString.copyFrom(request.inputs().getFirst().rawBuffer()))
                    .build();
            int calls = 3000;
            long[] latency = new long[calls];
            long[] inServer = new long[calls];
            long[] overhead = new long[calls];
            long[] stubOverhead = new long[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                client.grpc.infer(request);
                latency[i] = System.nanoTime() - start;
                inServer[i] = server.lastInferNanos();
                overhead[i] = latency[i] - inServer[i];
                start = System.nanoTime();
                stub.withDeadlineAfter(2, TimeUnit.SECONDS).modelInfer(raw);
                stubOverhead[i] = System.nanoTime() - start - server.lastInferNanos();
            }
            System.out.printf(Locale.ROOT, "%nClient overhead per call (1 caller, no batching, %d calls)%n", calls);
            System.out.printf(Locale.ROOT, "%-52s %9s %9s%n", "", "p50 µs", "p99 µs");
            row("latency seen by the caller", latency);
            row("time inside the server handler (1 ms sleep)", inServer);
            row("overhead = latency - time in handler", overhead);
            row("same, bare generated stub (gRPC + loopback only)", stubOverhead);
            long[] own = new long[calls];
            for (int i = 0; i < calls; i++) {
                own[i] = overhead[i] - stubOverhead[i];
            }
            row("client's own share (paired difference)", own);
        }
    }

    private static void row(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-52s %9.1f %9.1f%n", label, percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3);
    }

    private static void throughput(TestTritonServer server, int instances, boolean batching) throws Exception {
        server.instances(instances);
        TritonClientOptions.Batching mode = batching
                ? new TritonClientOptions.Batching(true, 64, Duration.ofMillis(2))
                : TritonClientOptions.Batching.DISABLED;
        try (Client client = new Client(server, mode)) {
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong failures = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            int[] counts = new int[CALLERS];
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                int caller = c;
                long[] mine = new long[200_000];
                latencies.add(mine);
                callers.add(Thread.ofVirtual().start(() -> {
                    InferRequest request = features(caller);
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        try {
                            client.grpc.infer(request);
                        } catch (InferenceException e) {
                            failures.incrementAndGet();
                            continue;
                        }
                        if (measuring.get() && counts[caller] < mine.length) {
                            mine[counts[caller]++] = System.nanoTime() - start;
                        }
                    }
                }));
            }
            Thread.sleep(WARM_UP);
            int rpcBefore = server.calls("ModelInfer");
            int batchesBefore = server.batchSizes().size();
            long failuresBefore = failures.get();
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(MEASURE);
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            int rpcs = server.calls("ModelInfer") - rpcBefore;
            List<Long> batches = server.batchSizes();
            long rows = batches.subList(batchesBefore, Math.min(batches.size(), batchesBefore + rpcs))
                    .stream().mapToLong(Long::longValue).sum();
            stop.set(true);
            for (Thread caller : callers) {
                caller.join();
            }
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int c = 0; c < CALLERS; c++) {
                System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
                at += counts[c];
            }
            Arrays.sort(all);
            String serverLabel = instances == 1 ? "1 execution at a time (GPU-like)" : "unlimited concurrent executions";
            System.out.printf(Locale.ROOT, "%-34s %-14s %10.0f %9.2f %9.2f %10.0f %8.1f%s%n",
                    serverLabel, batching ? "on (≤64, 2 ms)" : "off", total / seconds,
                    percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, rpcs / seconds,
                    rpcs == 0 ? 0.0 : (double) rows / rpcs,
                    failures.get() > failuresBefore ? "  (" + (failures.get() - failuresBefore) + " failed)" : "");
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    private static InferRequest features(int seed) {
        return InferRequest.builder()
                .input(Tensor.fp32("FEATURES", new float[]{seed, 0.5f, -1f, 2f}, 1, TestTritonServer.FEATURES))
                .build();
    }

    /** A verified client on its own channel. */
    private static final class Client implements AutoCloseable {
        final ManagedChannel channel;
        final GrpcTritonClient grpc;

        Client(TestTritonServer server, TritonClientOptions.Batching batching) {
            channel = TritonChannels.create(server.target(), TritonChannels.Options.plaintext());
            grpc = new GrpcTritonClient(channel, TritonClientOptions.defaults(TestTritonServer.MODEL)
                    .withInferTimeout(Duration.ofSeconds(2))
                    .withMaxConcurrentCalls(CALLERS)
                    .withBatching(batching), SPEC, new SimpleMeterRegistry());
            grpc.verifyModel();
        }

        @Override
        public void close() throws InterruptedException {
            grpc.close();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
