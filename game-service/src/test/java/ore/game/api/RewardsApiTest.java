package ore.game.api;

import static ore.game.api.MiningApiTest.assertProblem;
import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.game.app.GameEvents;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import ore.game.support.Topics;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Claims end to end on the real broker: claim → ore.rewards.requested; ore.rewards.settled PAID →
 * final with tx hash; FAILED → refund. Cooldown is 0 here so a player can mine a stock quickly.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RewardsApiTest implements TestPropertyProvider {

    static final String WALLET = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String TX_HASH = "0x" + "ab".repeat(32);
    static final BigInteger COPPER_RATE = new BigInteger("1000000000000000");

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext db;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of("ore.game.mining.cooldown", "0s"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    /** Mines until the player holds {@code units} of some ore; returns that ore. */
    private String stock(String token, int units) {
        var nodes = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token))
                .list("nodes");
        var held = new HashMap<String, Integer>();
        for (var node : nodes) {
            int left = ((Number) node.get("remaining")).intValue();
            for (int i = 0; i < left; i++) {
                var r = call(http, json, mine(token, (String) node.get("nodeId"), newKey()));
                if (r.status() != 200) {
                    break;
                }
                int n = held.merge(r.str("ore"), 1, Integer::sum);
                if (n == units) {
                    return r.str("ore");
                }
            }
        }
        throw new AssertionError("could not mine " + units + " units of one ore");
    }

    private long balance(String token, String ore) {
        return call(http, json, getAs("/api/game/inventory", token)).list("items").stream()
                .filter(i -> ore.equals(i.get("ore"))).mapToLong(i -> ((Number) i.get("balance")).longValue())
                .findFirst().orElseThrow();
    }

    private double claims(String ore) {
        return meters.get("ore.game.claims").tag("ore", ore).counter().count();
    }

    private long paidSink(String ore) {
        return (Long) db.fetchValue("select balance from game.account where code = ?", "rewards:paid:" + ore);
    }

    private GameApi.Response claim(String token, Map<String, Object> body, String key) {
        var request = HttpRequest.POST("/api/game/rewards/claim", body).bearerAuth(token);
        return call(http, json, key == null ? request : request.header("Idempotency-Key", key));
    }

    private Map<String, Object> reward(String token, String rewardId) {
        return call(http, json, getAs("/api/game/rewards", token)).list("rewards").stream()
                .filter(r -> rewardId.equals(r.get("rewardId"))).findFirst().orElseThrow();
    }

    private static void settle(String rewardId, String status, String txHash, String reason) {
        String payload = "{\"rewardId\":\"" + rewardId + "\",\"status\":\"" + status + "\""
                + (txHash == null ? "" : ",\"txHash\":\"" + txHash + "\"")
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
        Topics.publish(GameEvents.REWARDS_SETTLED_TOPIC, rewardId, "RewardSettled", payload);
    }

    @Test
    void claimThenPaidIsFinalWithTheTxHash() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player, WALLET);
        String ore = stock(token, 3);
        long before = balance(token, ore);

        var claimed = claim(token, Map.of("ore", ore, "amount", 2), null);
        assertThat(claimed.status()).as(claimed.raw()).isEqualTo(202);
        assertThat(claimed.str("status")).isEqualTo("requested");
        assertThat(claimed.num("oreAmount")).isEqualTo(2);
        assertThat(claimed.str("wallet")).isEqualTo(WALLET);
        String rewardId = claimed.str("rewardId");
        assertThat(balance(token, ore)).isEqualTo(before - 2);

        var requested = Topics.await(GameEvents.REWARDS_REQUESTED_TOPIC, r -> rewardId.equals(r.key()), 1).getFirst();
        var payload = Topics.payload(json, requested);
        assertThat(payload).containsEntry("rewardId", rewardId).containsEntry("playerId", player.toString())
                .containsEntry("wallet", WALLET).containsKey("requestedAt");
        assertThat(new BigInteger((String) payload.get("tokenAmount")))
                .isEqualTo(new BigInteger(claimed.str("tokenAmount")));
        assertThat(GameApi.parse(json, requested.value())).containsEntry("type", "RewardRequested");

        long paidBefore = paidSink(ore);
        settle(rewardId, "PAID", TX_HASH, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(reward(token, rewardId)).containsEntry("status", "paid").containsEntry("txHash", TX_HASH));
        assertThat(balance(token, ore)).isEqualTo(before - 2);
        // The escrowed ore went to the paid sink.
        assertThat(paidSink(ore)).isEqualTo(paidBefore + 2);

        // A late FAILED for a paid claim changes nothing.
        settle(rewardId, "FAILED", null, "late");
        var statusEvents = Topics.await(GameEvents.GAME_TOPIC, r -> r.value().contains(rewardId)
                && r.value().contains("RewardStatusChanged"), 2);
        assertThat(statusEvents).hasSize(2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(reward(token, rewardId)).containsEntry("status", "paid"));
        assertThat(balance(token, ore)).isEqualTo(before - 2);
    }

    @Test
    void claimThenFailedRefundsTheOre() {
        String token = peers.playerToken(UUID.randomUUID(), WALLET);
        String ore = stock(token, 2);
        long before = balance(token, ore);
        var claimed = claim(token, Map.of("ore", ore), null);
        assertThat(claimed.status()).isEqualTo(202);
        assertThat(claimed.num("oreAmount")).as("all of it").isEqualTo(before);
        assertThat(balance(token, ore)).isZero();
        String rewardId = claimed.str("rewardId");

        UUID eventId = Topics.publish(GameEvents.REWARDS_SETTLED_TOPIC, rewardId, "RewardSettled",
                "{\"rewardId\":\"" + rewardId + "\",\"status\":\"FAILED\",\"reason\":\"out of gas\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(reward(token, rewardId)).containsEntry("status", "failed")
                        .containsEntry("failureReason", "out of gas"));
        assertThat(balance(token, ore)).isEqualTo(before);

        // The same event again (a redelivery) does not refund twice.
        String again = "{\"id\":\"" + eventId + "\",\"type\":\"RewardSettled\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                + "\"key\":\"" + rewardId + "\",\"traceparent\":null,\"payload\":{\"rewardId\":\"" + rewardId
                + "\",\"status\":\"FAILED\"}}";
        Topics.publishRaw(GameEvents.REWARDS_SETTLED_TOPIC, rewardId, again);
        var ledger = call(http, json, getAs("/api/game/ledger", token)).list("entries");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(balance(token, ore)).isEqualTo(before));
        assertThat(ledger.getFirst()).containsEntry("reason", "refund").containsEntry("reference", rewardId);
    }

    @Test
    void aPaymentAfterARefundIsRecordedForReconciliation() {
        String token = peers.playerToken(UUID.randomUUID(), WALLET);
        String ore = stock(token, 1);
        String rewardId = claim(token, Map.of("ore", ore, "amount", 1), null).str("rewardId");
        settle(rewardId, "FAILED", null, "nonce too low");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(reward(token, rewardId)).containsEntry("status", "failed"));
        // chain-gateway later says the payout went through after all: ore refunded AND tokens paid.
        settle(rewardId, "PAID", TX_HASH, null);
        String admin = peers.players().with(UUID.randomUUID().toString(),
                c -> c.claim("roles", java.util.List.of("player", "admin")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var open = call(http, json, getAs("/api/game/admin/settlement-conflicts", admin));
            assertThat(open.status()).as(open.raw()).isEqualTo(200);
            assertThat(open.list("conflicts")).anySatisfy(c -> assertThat(c).containsEntry("rewardId", rewardId)
                    .containsEntry("recordedStatus", "failed").containsEntry("incomingStatus", "paid")
                    .containsEntry("incomingTxHash", TX_HASH));
        });
        // Nothing was changed automatically: the claim stays failed, the ore stays refunded.
        assertThat(reward(token, rewardId)).containsEntry("status", "failed");
        var metrics = call(http, json, HttpRequest.GET("/metrics"));
        assertThat(metrics.raw()).containsPattern("ore_game_settlement_conflicts_total(\\{[^}]*\\})? [1-9]");

        String conflictId = call(http, json, getAs("/api/game/admin/settlement-conflicts", admin)).list("conflicts")
                .stream().filter(c -> rewardId.equals(c.get("rewardId"))).findFirst().orElseThrow()
                .get("conflictId").toString();
        assertThat(call(http, json, getAs("/api/game/admin/settlement-conflicts", token)).status()).isEqualTo(403);
        var resolved = call(http, json, HttpRequest.POST("/api/game/admin/settlement-conflicts/" + conflictId + "/resolve",
                Map.of("note", "recovered the refunded ore")).bearerAuth(admin));
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(204);
        assertThat(call(http, json, getAs("/api/game/admin/settlement-conflicts", admin)).list("conflicts"))
                .noneMatch(c -> rewardId.equals(c.get("rewardId")));
    }

    @Test
    void malformedSettlementsAreSkippedAndLaterOnesStillApply() {
        String token = peers.playerToken(UUID.randomUUID(), WALLET);
        String ore = stock(token, 1);
        String rewardId = claim(token, Map.of("ore", ore, "amount", 1), null).str("rewardId");
        Topics.publishRaw(GameEvents.REWARDS_SETTLED_TOPIC, rewardId, "not json");
        Topics.publishRaw(GameEvents.REWARDS_SETTLED_TOPIC, rewardId, "{\"id\":\"x\"}");
        settle(rewardId, "PAID", "0xnothash", null);
        settle(rewardId, "MAYBE", TX_HASH, null);
        settle(UUID.randomUUID().toString(), "PAID", TX_HASH, null);
        settle(rewardId, "PAID", TX_HASH, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(reward(token, rewardId)).containsEntry("status", "paid"));
    }

    @Test
    void aClaimNeedsALinkedWallet() {
        String token = peers.playerToken(UUID.randomUUID());
        assertProblem(claim(token, Map.of("ore", "copper", "amount", 1), null), 409, "game.wallet_required");
    }

    @Test
    void aClaimNeedsTheOre() {
        String token = peers.playerToken(UUID.randomUUID(), WALLET);
        assertProblem(claim(token, Map.of("ore", "gold", "amount", 1), null), 409, "game.insufficient_ore");
        assertProblem(claim(token, Map.of("ore", "gold"), null), 409, "game.insufficient_ore");
        assertThat(call(http, json, getAs("/api/game/rewards", token)).list("rewards")).isEmpty();
    }

    @Test
    void badClaimsAre400() {
        String token = peers.playerToken(UUID.randomUUID(), WALLET);
        assertProblem(claim(token, Map.of("ore", "unobtainium", "amount", 1), null), 400, "game.unknown_ore");
        assertProblem(claim(token, Map.of("ore", "copper", "amount", 0), null), 400, "game.invalid_amount");
        assertProblem(claim(token, Map.of("ore", "copper", "amount", -5), null), 400, "game.invalid_amount");
        assertThat(claim(token, Map.of("ore", "copper", "amount", "lots"), null).status()).isEqualTo(400);
        assertThat(claim(token, Map.of("amount", 1), null).status()).isEqualTo(400);
        assertProblem(claim(token, Map.of("ore", "copper", "amount", 1), "bad key"), 400, "game.idempotency_key_invalid");
    }

    @Test
    void aClaimRetriedWithItsKeyIsTheSameClaim() {
        String token = peers.playerToken(UUID.randomUUID(), WALLET);
        String ore = stock(token, 2);
        long before = balance(token, ore);
        String key = newKey();
        double claimsBefore = claims(ore);
        var first = claim(token, Map.of("ore", ore, "amount", 1), key);
        var retry = claim(token, Map.of("ore", ore, "amount", 1), key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().get("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.str("rewardId")).isEqualTo(first.str("rewardId"));
        assertThat(balance(token, ore)).isEqualTo(before - 1);
        assertThat(claims(ore)).as("ore_game_claims_total counts the claim once, not its replay").isEqualTo(claimsBefore + 1);
        assertProblem(claim(token, Map.of("ore", ore, "amount", 2), key), 422, "game.idempotency_key_reused");
    }

    @Test
    void theTokenAmountIsOreTimesTheConfiguredRate() {
        String token = peers.playerToken(UUID.randomUUID(), WALLET);
        String ore = stock(token, 1);
        var claimed = claim(token, Map.of("ore", ore, "amount", 1), null);
        BigInteger rate = switch (ore) {
            case "copper" -> COPPER_RATE;
            case "iron" -> new BigInteger("3000000000000000");
            case "silver" -> new BigInteger("10000000000000000");
            case "gold" -> new BigInteger("50000000000000000");
            default -> new BigInteger("250000000000000000");
        };
        assertThat(new BigInteger(claimed.str("tokenAmount"))).isEqualTo(rate);
        var listed = call(http, json, getAs("/api/game/rewards?limit=1", token));
        assertThat(listed.list("rewards")).hasSize(1);
        assertThat(listed.json()).doesNotContainKey("nextCursor");
        assertThat((List<?>) listed.json().get("rewards")).isNotEmpty();
    }
}
