package ore.inference.grpc;

import ore.inference.InferRequest;
import ore.inference.InferResult;
import ore.inference.Tensor;
import ore.inference.TritonClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Client-side micro-batching against the test server. */
class GrpcTritonClientBatchingTest {

    /**
     * The test options with a generous metadata deadline: these tests are about batching, and on a
     * loaded machine the first connection of a fresh client can take longer than the default.
     */
    private static TritonClientOptions options() {
        return TestClients.options().withMetadataTimeout(Duration.ofSeconds(10));
    }


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
    void coalescesConcurrentSingleItemsAndReturnsEachCallerItsOwnRow() throws Exception {
        // A server that takes a while per call and runs one at a time lets requests pile up, as a
        // busy GPU would; the batcher should then send them in few large calls.
        server.latency(Duration.ofMillis(5));
        server.instances(1);
        GrpcTritonClient client = clients.verified(server.target(), options()
                .withInferTimeout(Duration.ofSeconds(5))
                .withBatching(new TritonClientOptions.Batching(true, 64, Duration.ofMillis(2))));

        List<Float> scores = concurrently(200, i -> client.infer(TestClients.features(i, 0.5f, 0, 0)).floats("SCORE")[0]);

        for (int i = 0; i < 200; i++) {
            assertThat(scores.get(i)).as("caller %d", i).isEqualTo(i + 0.5f);
        }
        List<Long> batches = server.batchSizes();
        assertThat(batches.stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
        assertThat(batches.size()).isLessThan(100);
        assertThat(batches.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(4);
        assertThat(clients.registry.get("ore.inference.batch.size").summary().max()).isGreaterThan(4);
    }

    @Test
    void neverSendsMoreRowsThanTheModelAllows() throws Exception {
        server.config(TestTritonServer.scorerConfig(8));
        server.latency(Duration.ofMillis(3));
        server.instances(1);
        GrpcTritonClient client = clients.verified(server.target(), options()
                .withInferTimeout(Duration.ofSeconds(5))
                .withBatching(new TritonClientOptions.Batching(true, 64, Duration.ofMillis(5))));

        List<Float> scores = concurrently(100, i -> client.infer(TestClients.features(i, i, 0, 0)).floats("SCORE")[0]);

        for (int i = 0; i < 100; i++) {
            assertThat(scores.get(i)).isEqualTo(2f * i);
        }
        List<Long> batches = server.batchSizes();
        assertThat(batches).allSatisfy(size -> assertThat(size).isBetween(1L, 8L));
        assertThat(batches).contains(8L);
        assertThat(batches.stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
    }

    @Test
    void aLoneRequestIsSentAfterTheMaxDelay() {
        GrpcTritonClient client = clients.verified(server.target(), options()
                .withBatching(new TritonClientOptions.Batching(true, 64, Duration.ofMillis(20))));

        long start = System.nanoTime();
        InferResult result = client.infer(TestClients.features(1, 2, 3, 4));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.floats("SCORE")).containsExactly(10f);
        assertThat(result.output("SCORE").shape()).containsExactly(1, 1);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(19));
        assertThat(server.batchSizes()).containsExactly(1L);
    }

    @Test
    void sendsMultiRowRequestsAndModelsWithoutBatchingDirectly() {
        GrpcTritonClient client = clients.verified(server.target(), options()
                .withBatching(new TritonClientOptions.Batching(true, 64, Duration.ofSeconds(10))));

        InferResult two = client.infer(InferRequest.builder()
                .input(Tensor.fp32("FEATURES", new float[]{1, 1, 1, 1, 2, 2, 2, 2}, 2, 4)).build());
        assertThat(two.floats("SCORE")).containsExactly(4f, 8f);

        server.config(TestTritonServer.scorerConfig(0));
        GrpcTritonClient unbatchable = clients.verified(server.target(), options()
                .withBatching(new TritonClientOptions.Batching(true, 64, Duration.ofSeconds(10))));
        // With a 10 s batching delay, only a direct call answers this fast.
        assertThat(unbatchable.infer(TestClients.features(1, 2, 3, 4)).floats("SCORE")).containsExactly(10f);
    }

    @Test
    void aFailedBatchFailsEveryCallerInIt() throws Exception {
        server.failNext("ModelInfer", 1, io.grpc.Status.INTERNAL);
        server.latency(Duration.ofMillis(2));
        // A batching window long enough for all ten calls to join one batch even on a loaded machine
        // (with 50 ms a stalled loop split them, and the second batch then succeeded).
        GrpcTritonClient client = clients.verified(server.target(), options()
                .withInferTimeout(Duration.ofSeconds(5))
                .withBatching(new TritonClientOptions.Batching(true, 64, Duration.ofSeconds(1))));

        List<CompletableFuture<InferResult>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(client.inferAsync(TestClients.features(i, 0, 0, 0)));
        }

        for (CompletableFuture<InferResult> future : futures) {
            assertThat(future.handle((r, e) -> e).get()).isInstanceOfSatisfying(ore.inference.InferenceException.class,
                    e -> assertThat(e.reason()).isEqualTo(ore.inference.InferenceException.Reason.SERVER_ERROR));
        }
        assertThat(server.calls("ModelInfer")).isEqualTo(1);
    }

    /** Runs {@code n} callers at once on virtual threads and returns their answers by index. */
    private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(callers.submit(() -> {
                    go.await();
                    return call.apply(index);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
