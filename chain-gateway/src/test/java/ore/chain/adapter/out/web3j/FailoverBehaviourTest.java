package ore.chain.adapter.out.web3j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import ore.chain.app.port.RpcClient;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.Budgets;
import ore.chain.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Circuit breakers, budgets and the rules about which failures move to the next endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverBehaviourTest {

    private AnvilNode anvil;

    @BeforeAll
    void start() {
        anvil = AnvilNode.start();
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    private static double requests(SimpleMeterRegistry m, String endpoint, String outcome) {
        var timer = m.find("ore.chain.rpc.requests").tag("endpoint", endpoint).tag("outcome", outcome).timers();
        return timer.stream().mapToLong(t -> t.count()).sum();
    }

    @Test
    void primaryGoingDownFailsOverAndOpensItsCircuit() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (TcpProxy proxy = new TcpProxy(anvil.port());
             FailoverRpcClient rpc = new FailoverRpcClient(List.of(
                     new RpcEndpointSettings("primary", proxy.url(), Duration.ofSeconds(2), 0, 0),
                     new RpcEndpointSettings("fallback-1", anvil.url(), Duration.ofSeconds(2), 0, 0)),
                     new BreakerSettings(10, 3, 50, Duration.ofMinutes(5)), Budgets.inMemory(), metrics, Clock.systemUTC())) {
            long head = rpc.blockNumber();
            assertThat(requests(metrics, "primary", "ok")).isEqualTo(1);
            proxy.stop();
            for (int i = 0; i < 10; i++) {
                assertThat(rpc.blockNumber()).isGreaterThanOrEqualTo(head);
            }
            assertThat(requests(metrics, "fallback-1", "ok")).isEqualTo(10);
            // After the breaker opened, the dead primary is no longer even tried.
            assertThat(requests(metrics, "primary", "failed")).isBetween(2.0, 5.0);
            assertThat(rpc.endpointStates()).contains("primary=OPEN", "fallback-1=CLOSED");
            assertThat(metrics.get("ore.chain.rpc.failovers").counter().count()).isEqualTo(10);
            assertThat(metrics.get("ore.chain.rpc.endpoint.available").tag("endpoint", "primary").gauge().value()).isZero();
        }
    }

    @Test
    void aSpentBudgetSkipsTheEndpoint() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (FailoverRpcClient rpc = new FailoverRpcClient(List.of(
                new RpcEndpointSettings("primary", anvil.url(), Duration.ofSeconds(2), 2, 0),
                new RpcEndpointSettings("fallback-1", anvil.url(), Duration.ofSeconds(2), 0, 0)),
                new BreakerSettings(10, 3, 50, Duration.ofMinutes(5)), Budgets.inMemory(), metrics, Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                rpc.chainId();
            }
            assertThat(requests(metrics, "primary", "ok")).isEqualTo(2);
            assertThat(requests(metrics, "fallback-1", "ok")).isEqualTo(3);
            assertThat(metrics.get("ore.chain.rpc.budget.remaining").tag("endpoint", "primary").gauge().value()).isZero();
        }
    }

    @Test
    void aRejectedRequestIsNotRetriedElsewhere() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (FailoverRpcClient rpc = new FailoverRpcClient(List.of(
                new RpcEndpointSettings("primary", anvil.url(), Duration.ofSeconds(2), 0, 0),
                new RpcEndpointSettings("fallback-1", anvil.url(), Duration.ofSeconds(2), 0, 0)),
                new BreakerSettings(10, 3, 50, Duration.ofMinutes(5)), Budgets.inMemory(), metrics, Clock.systemUTC())) {
            // Garbage bytes: the node answers with an error about the request; another node would too.
            assertThat(rpc.sendRawTransaction("0x1234").kind()).isEqualTo(RpcClient.SendOutcome.Kind.REJECTED);
            assertThatThrownBy(() -> rpc.transactionCount("not-an-address", "latest"))
                    .isInstanceOf(RpcClient.RpcRejectedException.class);
            assertThat(requests(metrics, "primary", "ok") + requests(metrics, "primary", "rejected")).isEqualTo(2);
            assertThat(requests(metrics, "fallback-1", "ok") + requests(metrics, "fallback-1", "rejected")
                    + requests(metrics, "fallback-1", "failed")).isZero();
        }
    }

    @Test
    void noEndpointLeftMeansUnavailable() {
        try (FailoverRpcClient rpc = new FailoverRpcClient(List.of(
                new RpcEndpointSettings("primary", "http://127.0.0.1:" + FreePorts.closed(), Duration.ofSeconds(1), 0, 0),
                new RpcEndpointSettings("fallback-1", "http://127.0.0.1:" + FreePorts.closed(), Duration.ofSeconds(1), 0, 0)),
                new BreakerSettings(10, 3, 50, Duration.ofMinutes(5)), Budgets.inMemory(), new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            assertThatThrownBy(rpc::blockNumber).isInstanceOf(RpcClient.RpcUnavailableException.class)
                    .hasMessageContaining("eth_blockNumber");
        }
    }
}
