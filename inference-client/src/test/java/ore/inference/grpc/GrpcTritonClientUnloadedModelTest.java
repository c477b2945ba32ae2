package ore.inference.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import java.time.Duration;
import ore.inference.CircuitState;
import ore.inference.InferenceException;
import ore.inference.InferenceException.Reason;
import ore.inference.TritonClientOptions;
import ore.inference.grpc.proto.InferParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model Triton unloads after the client verified it answers ModelInfer with NOT_FOUND: the server
 * cannot serve, so the breaker must open (as for UNAVAILABLE) instead of the client asking on every
 * call. Also: the protocol's InferParameter carries every type upstream Triton defines.
 */
class GrpcTritonClientUnloadedModelTest {

    private TestTritonServer server;
    private TestClients clients;

    @BeforeEach
    void setUp() {
        server = TestTritonServer.start();
        clients = new TestClients();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        clients.close();
        server.close();
    }

    @Test
    void anUnloadedModelOpensTheBreaker() {
        var options = TestClients.options().withBatching(TritonClientOptions.Batching.DISABLED)
                .withRetry(new TritonClientOptions.Retry(1, Duration.ofMillis(10)))
                .withBreaker(new TritonClientOptions.Breaker(50, 4, 4, Duration.ofMinutes(5), 1));
        GrpcTritonClient client = clients.verified(server.target(), options);
        server.failNext("ModelInfer", 4, Status.NOT_FOUND.withDescription(
                "Request for unknown model: '" + TestTritonServer.MODEL + "' has no available versions"));

        for (int i = 0; i < 4; i++) {
            InferenceException failure = catchThrowableOfType(InferenceException.class,
                    () -> client.infer(TestClients.features(1, 2, 3, 4)));
            assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(failure.getMessage()).contains("NOT_FOUND");
        }

        assertThat(client.circuitState()).isEqualTo(CircuitState.OPEN);
        InferenceException open = catchThrowableOfType(InferenceException.class,
                () -> client.infer(TestClients.features(1, 2, 3, 4)));
        assertThat(open.reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(server.calls("ModelInfer")).isEqualTo(4);
    }

    @Test
    void inferParametersCarryEveryUpstreamType() throws Exception {
        var d = InferParameter.newBuilder().setDoubleParam(0.25).build();
        var u = InferParameter.newBuilder().setUint64Param(-1L).build();   // 2^64 - 1 as unsigned
        assertThat(InferParameter.parseFrom(d.toByteArray()).getDoubleParam()).isEqualTo(0.25);
        assertThat(InferParameter.parseFrom(d.toByteArray()).getParameterChoiceCase())
                .isEqualTo(InferParameter.ParameterChoiceCase.DOUBLE_PARAM);
        assertThat(Long.toUnsignedString(InferParameter.parseFrom(u.toByteArray()).getUint64Param()))
                .isEqualTo("18446744073709551615");
        // Field numbers as in Triton's grpc_service.proto (double_param = 4, uint64_param = 5).
        assertThat(InferParameter.getDescriptor().findFieldByName("double_param").getNumber()).isEqualTo(4);
        assertThat(InferParameter.getDescriptor().findFieldByName("uint64_param").getNumber()).isEqualTo(5);
    }
}
