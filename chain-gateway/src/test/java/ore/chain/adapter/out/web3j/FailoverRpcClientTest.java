package ore.chain.adapter.out.web3j;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import ore.chain.app.port.RpcClient;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.Budgets;
import org.junit.jupiter.api.Nested;

/** The RPC contract on the real client: straight to anvil, and through a dead primary to a fallback. */
class FailoverRpcClientTest {

    static final BreakerSettings BREAKER = new BreakerSettings(10, 3, 50, Duration.ofSeconds(30));

    @Nested
    class SingleEndpoint extends RpcClientContract {
        private FailoverRpcClient rpc;

        @Override
        protected RpcClient newClient(AnvilNode anvil) {
            rpc = new FailoverRpcClient(List.of(new RpcEndpointSettings("primary", anvil.url(), Duration.ofSeconds(5), 0, 0)),
                    BREAKER, Budgets.inMemory(), new SimpleMeterRegistry(), Clock.systemUTC());
            return rpc;
        }

        @Override
        protected void closeClient() {
            rpc.close();
        }
    }

    @Nested
    class DeadPrimaryAndFallback extends RpcClientContract {
        private FailoverRpcClient rpc;

        @Override
        protected RpcClient newClient(AnvilNode anvil) {
            // A port nothing listens on: every call to the primary is refused and must move on.
            String dead = "http://127.0.0.1:" + FreePorts.closed();
            rpc = new FailoverRpcClient(List.of(
                    new RpcEndpointSettings("primary", dead, Duration.ofSeconds(2), 0, 0),
                    new RpcEndpointSettings("fallback-1", anvil.url(), Duration.ofSeconds(5), 100_000, 3_000_000)),
                    BREAKER, Budgets.inMemory(), new SimpleMeterRegistry(), Clock.systemUTC());
            return rpc;
        }

        @Override
        protected void closeClient() {
            rpc.close();
        }
    }
}
