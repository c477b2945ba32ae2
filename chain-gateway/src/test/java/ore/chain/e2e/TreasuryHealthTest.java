package ore.chain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import ore.chain.app.TreasuryMonitor;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainFixture;
import ore.chain.testing.GatewayHarness;
import ore.chain.testing.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A treasury that cannot cover the pending payouts: /health says DEGRADED (still 200), the log says
 * TREASURY_UNDERFUNDED, the payout waits instead of failing, and goes through once the treasury is
 * topped up. /metrics carries the treasury, payout and RPC figures.
 */
class TreasuryHealthTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnderfundedTreasuryDegradesHealthAndPayoutsWaitForTheTopUp() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(TreasuryMonitor.class)).addAppender(logs);
        try (AnvilNode anvil = AnvilNode.start()) {
            ChainFixture chain = new ChainFixture(anvil);
            String token = chain.deployToken(AnvilNode.KEY_0);
            // The treasury is dev account 1, which holds no ORE yet.
            try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, Map.of(
                    "ore.chain.signer.private-key", AnvilNode.KEY_1))) {
                gw.start();
                await().atMost(WAIT).until(() -> get(gw.url() + "/health").body().contains("\"UP\""));

                UUID reward = UUID.randomUUID();
                String wallet = ChainFixture.randomWallet();
                KafkaTopics.publishRewardRequested(gw.requestedTopic(), reward, UUID.randomUUID(), wallet, "5000");
                await().atMost(WAIT).untilAsserted(() -> {
                    HttpResponse<String> health = get(gw.url() + "/health");
                    assertThat(health.statusCode()).isEqualTo(200);
                    assertThat(health.body()).contains("DEGRADED");
                });
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("TREASURY_UNDERFUNDED"));
                assertThat(anvil.nonce(AnvilNode.ADDRESS_1, "latest")).as("nothing sent while underfunded").isZero();

                String metrics = get(gw.url() + "/metrics").body();
                assertThat(metrics).contains("ore_chain_payouts_owed", "ore_chain_treasury_token_balance",
                        "ore_chain_payouts_pending{status=\"queued\"} 1.0", "ore_chain_rpc_requests_seconds_count",
                        "ore_chain_rpc_endpoint_available{endpoint=\"primary\"} 1.0",
                        "ore_inbox_pruned_total{schema=\"chain\"}");

                chain.awaitReceipt(chain.transfer(token, AnvilNode.KEY_0, AnvilNode.ADDRESS_1, BigInteger.valueOf(1_000_000)));
                await().atMost(WAIT).until(() -> chain.balanceOf(token, wallet).equals(BigInteger.valueOf(5000)));
                await().atMost(WAIT).until(() -> get(gw.url() + "/health").body().contains("\"UP\""));
                anvil.mine(70);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    anvil.mine(1);
                    assertThat(KafkaTopics.readAll(gw.settledTopic())).singleElement()
                            .satisfies(e -> assertThat(e.payload().get("status").asText()).isEqualTo("PAID"));
                });
            }
        } finally {
            ((Logger) LoggerFactory.getLogger(TreasuryMonitor.class)).detachAppender(logs);
        }
    }
}
