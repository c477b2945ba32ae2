package ore.chain.adapter.out.web3j;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import ore.chain.adapter.out.jooq.JooqBudgetLedger;
import ore.chain.app.BudgetSettings;
import ore.chain.app.port.BudgetLedger;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainDatabase;
import ore.chain.testing.MutableClock;
import ore.chain.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Request budgets counted in PostgreSQL as the gateway uses them: two gateways (each with its own
 * pool) calling a budgeted endpoint spend its budget once between them, a restarted gateway goes on
 * from the stored count, and a database that cannot be reached skips the budgeted endpoint (fail
 * closed) while calls still fail over and succeed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedBudgetFailoverTest {

    private static final BreakerSettings BREAKER = new BreakerSettings(10, 3, 50, Duration.ofMinutes(5));
    private static final Duration RECHECK = Duration.ofSeconds(15);

    private AnvilNode anvil;
    private ChainDatabase db;

    @BeforeAll
    void start() {
        anvil = AnvilNode.start();
        db = ChainDatabase.create();
    }

    @AfterAll
    void stop() {
        db.close();
        anvil.close();
    }

    private static double requests(SimpleMeterRegistry m, String endpoint) {
        return m.find("ore.chain.rpc.requests").tag("endpoint", endpoint).timers().stream().mapToLong(t -> t.count()).sum();
    }

    /** A gateway's RPC client: a budgeted primary (the proxy in front of anvil), anvil unbudgeted behind it. */
    private FailoverRpcClient gateway(TcpProxy budgeted, BudgetLedger ledger, long perDay, long lease, MutableClock clock,
                                      SimpleMeterRegistry metrics) {
        return new FailoverRpcClient(List.of(
                new RpcEndpointSettings("primary", budgeted.url(), Duration.ofSeconds(2), perDay, 0),
                new RpcEndpointSettings("fallback-1", anvil.url(), Duration.ofSeconds(2), 0, 0)),
                BREAKER, new BudgetSettings(ledger, lease, RECHECK), metrics, clock);
    }

    @Test
    void twoGatewaysSpendTheBudgetOnceAndARestartedOneGoesOnFromTheStoredCount() {
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        SimpleMeterRegistry m1 = new SimpleMeterRegistry();
        SimpleMeterRegistry m2 = new SimpleMeterRegistry();
        try (TcpProxy provider = new TcpProxy(anvil.port());
             FailoverRpcClient g1 = gateway(provider, new JooqBudgetLedger(db.connect(2)), 30, 8, clock, m1);
             FailoverRpcClient g2 = gateway(provider, new JooqBudgetLedger(db.connect(2)), 30, 8, clock, m2)) {
            for (int i = 0; i < 25; i++) {
                assertThat(g1.chainId()).isEqualTo(AnvilNode.CHAIN_ID);
                assertThat(g2.blockNumber()).isNotNegative();
            }
            assertThat(requests(m1, "primary") + requests(m2, "primary")).as("the budget, once").isEqualTo(30);
            assertThat(requests(m1, "fallback-1") + requests(m2, "fallback-1")).isEqualTo(20);
            assertThat(m1.get("ore.chain.rpc.budget.period.remaining").tag("endpoint", "primary").tag("period", "day")
                    .gauge().value()).isZero();
            assertThat(m1.get("ore.chain.rpc.budget.period.remaining").tag("endpoint", "primary").tag("period", "month")
                    .gauge().value()).isEqualTo(-1);
            assertThat(m1.get("ore.chain.rpc.budget.remaining").tag("endpoint", "primary").gauge().value()).isZero();
            assertThat(m1.get("ore.chain.rpc.budget.remaining").tag("endpoint", "fallback-1").gauge().value()).isEqualTo(-1);
            assertThat(m1.get("ore.chain.rpc.budget.leases").tag("endpoint", "primary").functionCounter().count()
                    + m2.get("ore.chain.rpc.budget.leases").tag("endpoint", "primary").functionCounter().count())
                    .as("blocks of 8, not a round trip per call").isLessThanOrEqualTo(30 / 8 + 1 + 2);

            // A restart of both (or a third instance): nothing left today, tomorrow the full budget.
            SimpleMeterRegistry m3 = new SimpleMeterRegistry();
            try (FailoverRpcClient g3 = gateway(provider, new JooqBudgetLedger(db.connect(2)), 30, 8, clock, m3)) {
                assertThat(m3.get("ore.chain.rpc.budget.remaining").tag("endpoint", "primary").gauge().value()).isZero();
                g3.chainId();
                assertThat(requests(m3, "primary")).isZero();
                clock.set("2025-06-15T00:00:00Z");
                for (int i = 0; i < 35; i++) {
                    g3.chainId();
                }
                assertThat(requests(m3, "primary")).isEqualTo(30);
            }
        }
    }

    @Test
    void anUnreachableDatabaseSkipsTheBudgetedEndpointAndCallsStillSucceed() {
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (TcpProxy provider = new TcpProxy(anvil.port());
             TcpProxy database = new TcpProxy(db.serverPort());
             FailoverRpcClient rpc = gateway(provider, new JooqBudgetLedger(db.connectThrough(database, 2)), 1000, 5,
                     clock, metrics)) {
            rpc.chainId();
            assertThat(requests(metrics, "primary")).isEqualTo(1);

            database.stop();
            for (int i = 0; i < 10; i++) {
                assertThat(rpc.chainId()).as("reads fail over").isEqualTo(AnvilNode.CHAIN_ID);
            }
            assertThat(requests(metrics, "primary")).as("the 4 left of the leased block, then fail closed").isEqualTo(5);
            assertThat(requests(metrics, "fallback-1")).isEqualTo(6);
            assertThat(metrics.get("ore.chain.rpc.budget.ledger.errors").tag("endpoint", "primary").functionCounter()
                    .count()).isEqualTo(1);
            assertThat(metrics.get("ore.chain.rpc.failovers").counter().count()).isEqualTo(6);
            assertThat(rpc.endpointStates()).as("a budget is not a failure").contains("primary=CLOSED");

            database.restart();
            clock.advance(RECHECK);
            rpc.chainId();
            assertThat(requests(metrics, "primary")).as("back once the ledger answers").isEqualTo(6);
        }
    }

    @Test
    void twoBudgetedEndpointsOnOneHostAreRefused() {
        try (TcpProxy provider = new TcpProxy(anvil.port())) {
            BudgetSettings budgets = new BudgetSettings(new JooqBudgetLedger(db.connect(1)), 10, RECHECK);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FailoverRpcClient(List.of(
                            new RpcEndpointSettings("primary", provider.url() + "/v2/key-a", Duration.ofSeconds(2), 10, 0),
                            new RpcEndpointSettings("fallback-1", provider.url() + "/v2/key-b", Duration.ofSeconds(2), 0, 50)),
                            BREAKER, budgets, new SimpleMeterRegistry(), MutableClock.at("2025-06-14T10:00:00Z")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1:" + provider.port());
        }
    }
}
