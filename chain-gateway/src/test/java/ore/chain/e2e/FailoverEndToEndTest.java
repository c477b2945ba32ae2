package ore.chain.e2e;

import static ore.chain.adapter.out.jooq.generated.Tables.PAYOUT;
import static ore.chain.adapter.out.jooq.generated.Tables.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
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
import org.junit.jupiter.api.Test;

/**
 * The primary RPC endpoint (a loopback proxy in front of anvil) goes down in the middle of paying and
 * indexing: the gateway carries on through the fallback, and nothing is lost or done twice: every
 * reward paid once with consecutive nonces, every transfer indexed once.
 */
class FailoverEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void losingThePrimaryEndpointLosesAndRepeatsNothing() {
        try (AnvilNode anvil = AnvilNode.start(); TcpProxy primary = new TcpProxy(anvil.port())) {
            ChainFixture chain = new ChainFixture(anvil);
            String token = chain.deployToken(AnvilNode.KEY_0);
            long nonceBefore = anvil.nonce(AnvilNode.ADDRESS_0, "latest");
            try (GatewayHarness gw = new GatewayHarness(primary.url() + "," + anvil.url(), token, Map.of())) {
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
                double failovers = gw.bean(MeterRegistry.class).get("ore.chain.rpc.failovers").counter().count();
                assertThat(failovers).isPositive();
            }
        }
    }
}
