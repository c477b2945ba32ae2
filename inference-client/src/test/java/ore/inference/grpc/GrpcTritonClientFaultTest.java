package ore.inference.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import ore.inference.CircuitState;
import ore.inference.InferenceException;
import ore.inference.InferenceException.Reason;
import ore.inference.InferenceUnavailableException;
import ore.inference.TritonClientOptions;
import ore.inference.grpc.proto.ModelInferResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** What callers see when Triton is absent, slow, failing, or answering nonsense. */
class GrpcTritonClientFaultTest {

    private static final TritonClientOptions UNBATCHED =
            TestClients.options().withBatching(TritonClientOptions.Batching.DISABLED);

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

    // ---- model check --------------------------------------------------------------------------

    @Test
    void refusesAModelWhoseInputsDifferAndNamesTheDifference() {
        server.metadata(TestTritonServer.scorerMetadata(8).toBuilder()
                .setOutputs(0, TestTritonServer.tensor("SCORE", "INT64", -1, 1))
                .addInputs(TestTritonServer.tensor("SPEED", "FP32", -1, 1))
                .build());
        GrpcTritonClient client = clients.create(server.target(), UNBATCHED, TestClients.SCORER);

        InferenceException failure = catchThrowableOfType(InferenceException.class, client::verifyModel);

        assertThat(failure.reason()).isEqualTo(Reason.MODEL_MISMATCH);
        assertThat(failure.code()).isEqualTo("inference.model_mismatch");
        assertThat(failure.getMessage())
                .contains("model anticheat at 127.0.0.1:" + server.port())
                .contains("input FEATURES has shape [-1, 8], expected [-1, 4]")
                .contains("input SPEED is required by the model")
                .contains("output SCORE has datatype INT64, expected FP32");
        assertThat(client.isModelVerified()).isFalse();
    }

    @Test
    void refusesInferenceUntilTheModelIsVerifiedThenChecksInTheBackground() {
        GrpcTritonClient client = clients.create(server.target(), UNBATCHED, TestClients.SCORER);

        InferenceException failure = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 2, 3, 4)));

        assertThat(failure).isInstanceOf(InferenceUnavailableException.class);
        assertThat(failure.reason()).isEqualTo(Reason.NOT_READY);
        assertThat(server.calls("ModelInfer")).as("refused without calling the server").isZero();
        await().atMost(Duration.ofSeconds(5)).until(client::isModelVerified);
        assertThat(client.infer(TestClients.features(1, 2, 3, 4)).floats("SCORE")).containsExactly(10f);
    }

    // ---- server absent ------------------------------------------------------------------------

    @Test
    void failsFastWithUnavailableWhenNoServerListens() throws IOException {
        GrpcTritonClient client = clients.create("127.0.0.1:" + freePort(), UNBATCHED, TestClients.SCORER);

        InferenceException failure = catchThrowableOfType(InferenceException.class, client::verifyModel);

        // UNAVAILABLE, not DEADLINE_EXCEEDED: the refused connection ended the retries, not the 2 s deadline.
        assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(failure.getMessage()).contains("ModelMetadata anticheat at 127.0.0.1:").contains("UNAVAILABLE");
        assertThat(client.probeReady(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void inferenceFailsWithUnavailableWhenTheServerGoesAway() {
        TestTritonServer doomed = TestTritonServer.start();
        GrpcTritonClient client = clients.verified(doomed.target(), UNBATCHED);
        assertThat(client.infer(TestClients.features(1, 1, 1, 1)).floats("SCORE")).containsExactly(4f);
        doomed.close();

        InferenceException failure = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 1, 1, 1)));

        // UNAVAILABLE at once, not DEADLINE_EXCEEDED after waiting on a dead server.
        assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    // ---- slow server --------------------------------------------------------------------------

    @Test
    void slowInferenceFailsWithDeadlineExceededAtTheConfiguredDeadline() {
        // An answer 5 s late: however slow the machine, the 100 ms deadline ends the call first.
        server.latency(Duration.ofSeconds(5));
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED.withInferTimeout(Duration.ofMillis(100)));

        long start = System.nanoTime();
        InferenceException failure = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 2, 3, 4)));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
        assertThat(failure.code()).isEqualTo("inference.deadline_exceeded");
        // Waited for the deadline (never early), and gave up long before the answer.
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(90)).isLessThan(Duration.ofMillis(4_500));
    }

    @Test
    void aRequestsOwnTimeoutOverridesTheConfiguredOne() {
        server.latency(Duration.ofMillis(150));
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED.withInferTimeout(Duration.ofMillis(50)));

        assertThat(client.infer(ore.inference.InferRequest.builder()
                .input(ore.inference.Tensor.fp32("FEATURES", new float[]{1, 1, 1, 1}, 1, 4))
                .timeout(Duration.ofSeconds(2))
                .build()).floats("SCORE")).containsExactly(4f);
    }

    // ---- UNAVAILABLE and retries --------------------------------------------------------------

    @Test
    void retriesMetadataCallsOnUnavailable() {
        server.failNext("ModelMetadata", 2, Status.UNAVAILABLE.withDescription("loading"));
        GrpcTritonClient client = clients.create(server.target(), UNBATCHED, TestClients.SCORER);

        assertThat(client.modelMetadata().name()).isEqualTo(TestTritonServer.MODEL);
        assertThat(server.calls("ModelMetadata")).isEqualTo(3);
    }

    @Test
    void givesUpOnMetadataAfterTheConfiguredAttempts() {
        server.failNext("ServerReady", 5, Status.UNAVAILABLE);
        GrpcTritonClient client = clients.create(server.target(), UNBATCHED, TestClients.SCORER);

        assertThatThrownBy(client::serverReady)
                .isInstanceOfSatisfying(InferenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(server.calls("ServerReady")).isEqualTo(3);
    }

    @Test
    void doesNotRetryMetadataCallsTheServerRefused() {
        server.failNext("ModelMetadata", 1, Status.INVALID_ARGUMENT.withDescription("bad version"));
        GrpcTritonClient client = clients.create(server.target(), UNBATCHED, TestClients.SCORER);

        assertThatThrownBy(client::modelMetadata)
                .isInstanceOfSatisfying(InferenceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.getMessage()).contains("INVALID_ARGUMENT: bad version");
                });
        assertThat(server.calls("ModelMetadata")).isEqualTo(1);
    }

    @Test
    void neverRetriesInference() {
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED);
        server.failNext("ModelInfer", 1, Status.UNAVAILABLE.withDescription("GPU busy"));

        InferenceException failure = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 2, 3, 4)));

        assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(failure.getMessage()).contains("GPU busy");
        assertThat(server.calls("ModelInfer")).isEqualTo(1);
        assertThat(client.infer(TestClients.features(1, 2, 3, 4)).floats("SCORE")).containsExactly(10f);
        assertThat(server.calls("ModelInfer")).isEqualTo(2);
    }

    @Test
    void reportsAnUnknownModelAsRejected() {
        GrpcTritonClient client = clients.create(server.target(),
                ore.inference.TritonClientOptions.defaults("no-such-model"), null);

        assertThatThrownBy(client::verifyModel)
                .isInstanceOfSatisfying(InferenceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.getMessage()).contains("NOT_FOUND").contains("no-such-model");
                });
    }

    // ---- malformed outputs --------------------------------------------------------------------

    @Test
    void rejectsAnOutputWithTheWrongByteLength() {
        server.model(request -> ModelInferResponse.newBuilder()
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("SCORE").setDatatype("FP32")
                        .addShape(1).addShape(1))
                .addRawOutputContents(ByteString.copyFrom(new byte[3]))
                .build());
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED);

        InferenceException failure = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 2, 3, 4)));

        assertThat(failure.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(failure.getMessage()).isEqualTo("output SCORE is malformed: tensor SCORE FP32[1, 1] needs 4 bytes, got 3");
    }

    @Test
    void rejectsAResponseWithoutAnExpectedOutput() {
        server.model(request -> ModelInferResponse.newBuilder()
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("LOGITS").setDatatype("FP32")
                        .addShape(1).addShape(1))
                .addRawOutputContents(ByteString.copyFrom(new byte[4]))
                .build());
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED);

        InferenceException failure = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 2, 3, 4)));

        assertThat(failure.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(failure.getMessage()).isEqualTo("the response lacks output SCORE (got [LOGITS])");
    }

    @Test
    void rejectsMismatchedRawBufferCountsAndTypelessFp16() {
        server.model(request -> ModelInferResponse.newBuilder()
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("SCORE").setDatatype("FP16").addShape(1))
                .build());
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED);

        assertThatThrownBy(() -> client.infer(TestClients.features(1, 2, 3, 4)))
                .isInstanceOfSatisfying(InferenceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("FP16 has no typed form");
                });

        server.model(request -> TestTritonServer.score(request).toBuilder()
                .addRawOutputContents(ByteString.copyFrom(new byte[4])).build());
        assertThatThrownBy(() -> client.infer(TestClients.features(1, 2, 3, 4)))
                .hasMessage("the response has 1 outputs but 2 raw output buffers");
    }

    // ---- circuit breaker and bulkhead ---------------------------------------------------------

    @Test
    void breakerOpensAfterFailuresFailsFastThenRecovers() {
        TritonClientOptions options = UNBATCHED.withBreaker(
                new TritonClientOptions.Breaker(50, 4, 4, Duration.ofMillis(500), 1));
        GrpcTritonClient client = clients.verified(server.target(), options);
        server.failNext("ModelInfer", 4, Status.INTERNAL.withDescription("CUDA error"));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> client.infer(TestClients.features(1, 2, 3, 4)))
                    .isInstanceOfSatisfying(InferenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR));
        }
        assertThat(client.circuitState()).isEqualTo(CircuitState.OPEN);
        assertThat(server.calls("ModelInfer")).isEqualTo(4);

        InferenceException fast = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 2, 3, 4)));

        assertThat(fast).isInstanceOf(InferenceUnavailableException.class);
        assertThat(fast.reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(fast.retryAfter()).contains(Duration.ofMillis(500));
        assertThat(server.calls("ModelInfer")).as("refused without calling the server").isEqualTo(4);
        assertThat(clients.registry.get("ore.inference.breaker.state").gauge().value()).isEqualTo(1);
        assertThat(clients.registry.get("ore.inference.rejected").tag("reason", "circuit_open").counter().count()).isEqualTo(1);

        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(client.infer(TestClients.features(1, 2, 3, 4)).floats("SCORE")).containsExactly(10f));
        assertThat(client.circuitState()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void breakerAlsoGuardsBatchedCalls() {
        GrpcTritonClient client = clients.verified(server.target(), TestClients.options().withBreaker(
                new TritonClientOptions.Breaker(50, 2, 2, Duration.ofSeconds(30), 1)));
        server.failNext("ModelInfer", 2, Status.UNAVAILABLE);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.infer(TestClients.features(1, 2, 3, 4))).isInstanceOf(InferenceException.class);
        }

        assertThatThrownBy(() -> client.infer(TestClients.features(1, 2, 3, 4)))
                .isInstanceOfSatisfying(InferenceUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CIRCUIT_OPEN));
        assertThat(server.calls("ModelInfer")).isEqualTo(2);
    }

    @Test
    void requestsTheServerRefusesDoNotOpenTheBreaker() {
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED.withBreaker(
                new TritonClientOptions.Breaker(50, 4, 4, Duration.ofSeconds(30), 1)));
        server.failNext("ModelInfer", 8, Status.INVALID_ARGUMENT.withDescription("unexpected shape"));

        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> client.infer(TestClients.features(1, 2, 3, 4)))
                    .isInstanceOfSatisfying(InferenceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
        }
        assertThat(client.circuitState()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void bulkheadRejectsCallsBeyondTheConcurrencyLimitAtOnce() {
        server.latency(Duration.ofMillis(300));
        GrpcTritonClient client = clients.verified(server.target(),
                UNBATCHED.withMaxConcurrentCalls(2).withInferTimeout(Duration.ofSeconds(2)));

        CompletableFuture<?> first = client.inferAsync(TestClients.features(1, 1, 1, 1));
        CompletableFuture<?> second = client.inferAsync(TestClients.features(1, 1, 1, 1));
        InferenceException third = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 1, 1, 1)));

        assertThat(third).isInstanceOf(InferenceUnavailableException.class);
        assertThat(third.reason()).isEqualTo(Reason.OVERLOADED);
        assertThat(CompletableFuture.allOf(first, second).join()).isNull();
        assertThat(client.infer(TestClients.features(1, 1, 1, 1)).floats("SCORE")).containsExactly(4f);
    }

    @Test
    void asyncFailuresAreInferenceExceptionsNotWrappers() {
        GrpcTritonClient client = clients.verified(server.target(), UNBATCHED);
        server.failNext("ModelInfer", 1, Status.UNAVAILABLE);

        Throwable seen = client.inferAsync(TestClients.features(1, 2, 3, 4)).handle((r, e) -> e).join();

        assertThat(seen).isInstanceOf(InferenceException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
