package ore.chain.e2e;

import static ore.chain.adapter.out.jooq.generated.Tables.PAYOUT;
import static ore.chain.adapter.out.jooq.generated.Tables.PAYOUT_ATTEMPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import ore.chain.testing.AnvilNode;
import ore.chain.testing.ChainFixture;
import ore.chain.testing.GatewayHarness;
import ore.chain.testing.KafkaTopics;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rewards paid end to end on a real chain: game-service's RewardRequested on Kafka → payout signed,
 * stored, broadcast and mined on anvil → RewardSettled (the payload game-service's settlement consumer
 * reads) only once the block is final. Plus a restart in the middle of paying, and a transaction
 * dropped from the mempool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayoutsEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    AnvilNode anvil;
    ChainFixture chain;
    String token;

    @BeforeAll
    void startChain() {
        anvil = AnvilNode.start();
        chain = new ChainFixture(anvil);
        token = chain.deployToken(AnvilNode.KEY_0);
    }

    @AfterAll
    void stopChain() {
        anvil.close();
    }

    record Reward(UUID id, String wallet, BigInteger amount) {
    }

    private List<Reward> rewards(int n) {
        List<Reward> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Reward(UUID.randomUUID(), ChainFixture.randomWallet(),
                    BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(i + 1))));
        }
        return list;
    }

    private static void request(GatewayHarness gw, Reward r) {
        KafkaTopics.publishRewardRequested(gw.requestedTopic(), r.id(), UUID.randomUUID(), r.wallet(), r.amount().toString());
    }

    /** Settled events by reward id (all of them: a reward settled twice shows up as a list of two). */
    private static Map<String, List<JsonNode>> settled(GatewayHarness gw) {
        return KafkaTopics.readAll(gw.settledTopic()).stream()
                .collect(Collectors.groupingBy(KafkaTopics.Event::key, LinkedHashMap::new,
                        Collectors.mapping(KafkaTopics.Event::payload, Collectors.toList())));
    }

    private void awaitPaidOnChain(List<Reward> rewards) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (Reward r : rewards) {
                assertThat(chain.balanceOf(token, r.wallet())).as("balance of " + r.wallet()).isEqualTo(r.amount());
            }
        });
    }

    private void awaitSettledPaid(GatewayHarness gw, List<Reward> rewards) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            anvil.mine(1);
            Map<String, List<JsonNode>> settled = settled(gw);
            for (Reward r : rewards) {
                assertThat(settled.get(r.id().toString())).as("settlements of " + r.id()).hasSize(1);
                assertThat(settled.get(r.id().toString()).getFirst().get("status").asText()).isEqualTo("PAID");
            }
        });
    }

    @Test
    void paysEachRewardOnceAndSettlesOnlyAfterFinality() {
        List<Reward> rewards = rewards(4);
        UUID invalid = UUID.randomUUID();
        long nonceBefore = anvil.nonce(AnvilNode.ADDRESS_0, "latest");
        try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, Map.of()).start()) {
            rewards.forEach(r -> request(gw, r));
            request(gw, rewards.getFirst());                 // a second event for the same reward
            KafkaTopics.publishRewardRequested(gw.requestedTopic(), invalid, UUID.randomUUID(), "0x1234", "5");
            KafkaTopics.publishRaw(gw.requestedTopic(), "junk", "{not json");

            awaitPaidOnChain(rewards);
            // Mined but not final: only the request that could never be paid is settled so far.
            // The FAILED settlement travels through the outbox relay, so it may arrive a moment later.
            Map<String, List<JsonNode>> early = await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> settled(gw), s -> s.containsKey(invalid.toString()));
            assertThat(early.keySet()).containsExactly(invalid.toString());
            JsonNode failed = early.get(invalid.toString()).getFirst();
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("reason").asText()).contains("wallet");

            anvil.mine(70);
            awaitSettledPaid(gw, rewards);

            Map<String, List<JsonNode>> settled = settled(gw);
            DSLContext db = gw.bean(DSLContext.class);
            for (Reward r : rewards) {
                JsonNode p = settled.get(r.id().toString()).getFirst();
                // Exactly the fields game-service's RewardSettled record binds.
                assertThat(iterable(p.fieldNames())).isSubsetOf("rewardId", "status", "txHash", "reason")
                        .contains("rewardId", "status", "txHash");
                assertThat(UUID.fromString(p.get("rewardId").asText())).isEqualTo(r.id());
                String txHash = p.get("txHash").asText();
                assertThat(txHash).matches("0x[0-9a-f]{64}");
                JsonNode receipt = anvil.rpc("eth_getTransactionReceipt", txHash);
                assertThat(receipt.get("status").asText()).isEqualTo("0x1");
                assertThat(db.fetchValue(db.select(PAYOUT.STATUS).from(PAYOUT).where(PAYOUT.REWARD_ID.eq(r.id()))))
                        .isEqualTo("paid");
            }
            // Four transfers, four consecutive nonces: nothing paid twice, no gap.
            assertThat(anvil.nonce(AnvilNode.ADDRESS_0, "latest")).isEqualTo(nonceBefore + 4);
            List<Long> nonces = db.select(PAYOUT.NONCE).from(PAYOUT).where(PAYOUT.NONCE.isNotNull()).orderBy(PAYOUT.NONCE)
                    .fetch(PAYOUT.NONCE);
            assertThat(nonces).containsExactly(nonceBefore, nonceBefore + 1, nonceBefore + 2, nonceBefore + 3);
            for (Reward r : rewards) {
                assertThat(chain.balanceOf(token, r.wallet())).isEqualTo(r.amount());
            }
        }
    }

    @Test
    void aRestartInTheMiddleOfPayingNeverPaysTwice() {
        List<Reward> rewards = rewards(5);
        long nonceBefore = anvil.nonce(AnvilNode.ADDRESS_0, "latest");
        anvil.setAutomine(false);
        try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, Map.of(
                "ore.chain.payouts.rebroadcast-every", "1s", "ore.chain.payouts.stuck-after", "10m")).start()) {
            rewards.forEach(r -> request(gw, r));
            DSLContext db = gw.bean(DSLContext.class);
            await().atMost(WAIT).until(() -> db.fetchCount(PAYOUT_ATTEMPT, PAYOUT_ATTEMPT.BROADCAST_AT.isNotNull()) == 5);
            gw.stop();

            // The node loses every pending transaction: they now exist only in our database.
            anvil.rpc("anvil_dropAllTransactions");
            assertThat(pending()).isZero();

            gw.start();
            await().atMost(WAIT).until(() -> pending() == 5);
            anvil.setAutomine(true);
            anvil.mine(1);
            awaitPaidOnChain(rewards);
            anvil.mine(70);
            awaitSettledPaid(gw, rewards);
            assertThat(anvil.nonce(AnvilNode.ADDRESS_0, "latest")).isEqualTo(nonceBefore + 5);
            assertThat(gw.bean(DSLContext.class).fetchCount(PAYOUT_ATTEMPT)).isEqualTo(5);   // no replacement needed
        } finally {
            anvil.setAutomine(true);
        }
    }

    @Test
    void aTransactionDroppedFromTheMempoolIsReplacedWithHigherFees() {
        Reward reward = rewards(1).getFirst();
        long nonceBefore = anvil.nonce(AnvilNode.ADDRESS_0, "latest");
        anvil.setAutomine(false);
        try (GatewayHarness gw = new GatewayHarness(anvil.url(), token, Map.of(
                "ore.chain.payouts.rebroadcast-every", "10m", "ore.chain.payouts.stuck-after", "2s")).start()) {
            request(gw, reward);
            DSLContext db = gw.bean(DSLContext.class);
            await().atMost(WAIT).until(() -> db.fetchCount(PAYOUT_ATTEMPT, PAYOUT_ATTEMPT.BROADCAST_AT.isNotNull()) == 1);
            var first = db.selectFrom(PAYOUT_ATTEMPT).where(PAYOUT_ATTEMPT.REWARD_ID.eq(reward.id())).fetchSingle();
            anvil.rpc("anvil_dropTransaction", first.getTxHash());
            assertThat(pending()).isZero();

            await().atMost(WAIT).until(() -> pending() == 1);
            var attempts = db.selectFrom(PAYOUT_ATTEMPT).where(PAYOUT_ATTEMPT.REWARD_ID.eq(reward.id()))
                    .orderBy(PAYOUT_ATTEMPT.ATTEMPT).fetch();
            assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
            var second = attempts.get(1);
            assertThat(second.getNonce()).isEqualTo(first.getNonce());
            assertThat(second.getMaxFee().multiply(BigInteger.TEN))
                    .isGreaterThanOrEqualTo(first.getMaxFee().multiply(BigInteger.valueOf(11)));
            assertThat(second.getPriorityFee().multiply(BigInteger.TEN))
                    .isGreaterThanOrEqualTo(first.getPriorityFee().multiply(BigInteger.valueOf(11)));

            anvil.setAutomine(true);
            anvil.mine(1);
            awaitPaidOnChain(List.of(reward));
            anvil.mine(70);
            awaitSettledPaid(gw, List.of(reward));
            String paidWith = settled(gw).get(reward.id().toString()).getFirst().get("txHash").asText();
            assertThat(paidWith).isNotEqualTo(first.getTxHash());
            assertThat(anvil.rpc("eth_getTransactionReceipt", first.getTxHash()).isNull()).isTrue();
            assertThat(anvil.nonce(AnvilNode.ADDRESS_0, "latest")).isEqualTo(nonceBefore + 1);
        } finally {
            anvil.setAutomine(true);
        }
    }

    private long pending() {
        return Long.decode(anvil.rpc("txpool_status").get("pending").asText());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    static Set<String> keys(Map<String, ?> m) {
        return m.keySet();
    }
}
