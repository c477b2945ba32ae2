package ore.chain.e2e;

import static ore.chain.adapter.out.jooq.generated.Tables.PAYOUT;
import static ore.chain.adapter.out.jooq.generated.Tables.RPC_BUDGET;
import static ore.chain.adapter.out.jooq.generated.Tables.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.env.Environment;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainFixture;
import ore.chain.testing.GatewayHarness;
import ore.chain.testing.KafkaTopics;
import ore.chain.testing.TcpProxy;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The primary RPC endpoint (a loopback proxy in front of anvil) goes down in the middle of paying and
 * indexing: the gateway carries on through the fallback, and nothing is lost or done twice: every
 * reward paid once with consecutive nonces, every transfer indexed once. The fallback has request
 * budgets, counted in PostgreSQL as in production: after a graceful stop the stored count is exactly
 * the calls the fallback got.
 */
class FailoverEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void losingThePrimaryEndpointLosesAndRepeatsNothing() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(); TcpProxy primary = new TcpProxy(anvil.port())) {
            ChainFixture chain = new ChainFixture(anvil);
            String token = chain.deployToken(AnvilNode.KEY_0);
            long nonceBefore = anvil.nonce(AnvilNode.ADDRESS_0, "latest");
            Map<String, Object> budgets = Map.of("ore.chain.rpc.daily-budgets", "0,1000000",
                    "ore.chain.rpc.monthly-budgets", "0,30000000", "ore.chain.rpc.budget-lease", 25);
            try (GatewayHarness gw = new GatewayHarness(primary.url() + "," + anvil.url(), token, budgets)) {
                gw.start();
                List<UUID> ids = new ArrayList<>();
                List<String> wallets = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    UUID id = UUID.randomUUID();
                    String wallet = ChainFixture.randomWallet();
                    ids.add(id);
                    wallets.add(wallet);
                    KafkaTopics.publishRewardRequested(gw.requestedTopic(), id, UUID.randomUUID(), wallet, "1000");
                    if (i == 3) {
                        await().atMost(WAIT).until(() -> chain.balanceOf(token, wallets.get(0)).signum() > 0);
                        primary.stop();
                    }
                }
                await().atMost(WAIT).untilAsserted(() -> {
                    for (String w : wallets) {
                        assertThat(chain.balanceOf(token, w)).isEqualTo(BigInteger.valueOf(1000));
                    }
                });
                anvil.mine(70);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    anvil.mine(1);
                    List<KafkaTopics.Event> settled = KafkaTopics.readAll(gw.settledTopic());
                    assertThat(settled).hasSize(8);
                    assertThat(settled).allSatisfy(e -> assertThat(e.payload().get("status").asText()).isEqualTo("PAID"));
                    assertThat(settled.stream().map(KafkaTopics.Event::key).toList())
                            .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
                });
                assertThat(anvil.nonce(AnvilNode.ADDRESS_0, "latest")).isEqualTo(nonceBefore + 8);

                DSLContext db = gw.bean(DSLContext.class);
                assertThat(db.select(PAYOUT.NONCE).from(PAYOUT).orderBy(PAYOUT.NONCE).fetch(PAYOUT.NONCE))
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(nonceBefore, nonceBefore + 8).boxed().toList());
                // Every payout transfer indexed exactly once, and announced once per status.
                await().atMost(WAIT).untilAsserted(() -> assertThat(db.fetchCount(TRANSFER,
                        TRANSFER.TO_ADDRESS.in(wallets).and(TRANSFER.STATUS.eq("finalized")))).isEqualTo(8));
                Set<String> seen = new HashSet<>();
                for (KafkaTopics.Event e : KafkaTopics.readAll(gw.chainEventsTopic())) {
                    assertThat(seen.add(e.key() + "/" + e.payload().get("blockHash").asText() + "/"
                            + e.payload().get("status").asText())).as("duplicate chain event " + e.key()).isTrue();
                }
                MeterRegistry metrics = gw.bean(MeterRegistry.class);
                double failovers = metrics.get("ore.chain.rpc.failovers").counter().count();
                assertThat(failovers).isPositive();

                Environment env = gw.bean(Environment.class);
                String url = env.getRequiredProperty("datasources.default.url", String.class);
                String user = env.getRequiredProperty("datasources.default.username", String.class);
                String password = env.getProperty("datasources.default.password", String.class).orElse("");
                gw.stop();                                   // graceful: unused leased requests go back
                long fallbackCalls = metrics.find("ore.chain.rpc.requests").tag("endpoint", "fallback-1").timers()
                        .stream().mapToLong(t -> t.count()).sum();
                assertThat(fallbackCalls).isPositive();
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    DSLContext after = DSL.using(c, SQLDialect.POSTGRES);
                    String key = "127.0.0.1:" + anvil.port();
                    assertThat(after.select(DSL.sum(RPC_BUDGET.SPENT)).from(RPC_BUDGET)
                            .where(RPC_BUDGET.ENDPOINT.eq(key), DSL.length(RPC_BUDGET.PERIOD).eq(10)).fetchOne(0, Long.class))
                            .as("days").isEqualTo(fallbackCalls);
                    assertThat(after.select(DSL.sum(RPC_BUDGET.SPENT)).from(RPC_BUDGET)
                            .where(RPC_BUDGET.ENDPOINT.eq(key), DSL.length(RPC_BUDGET.PERIOD).eq(7)).fetchOne(0, Long.class))
                            .as("months").isEqualTo(fallbackCalls);
                    assertThat(after.fetchCount(RPC_BUDGET, RPC_BUDGET.ENDPOINT.ne(key))).as("the primary has no budget")
                            .isZero();
                }
            }
        }
    }
}
