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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
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

/** GDPR: auth-service's UserDeleted on the real broker purges the player from game-service. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyApiTest implements TestPropertyProvider {

    static final String WALLET = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext db;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of("ore.game.mining.cooldown", "0s"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    private long count(String sql, Object... args) {
        return ((Number) db.fetchValue(sql, args)).longValue();
    }

    @Test
    void userDeletedPurgesInventoryClaimsAnswersAndLeaderboardsButTheLedgerStillBalances() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player, WALLET);
        var nodes = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token)).list("nodes");
        String ore = null;
        int mined = 0;
        for (var node : nodes) {
            var r = call(http, json, mine(token, (String) node.get("nodeId"), newKey()));
            if (r.status() == 200) {
                ore = r.str("ore");
                mined++;
            }
            if (mined == 4) {
                break;
            }
        }
        String minedOre = ore;
        var claim = call(http, json, HttpRequest.POST("/api/game/rewards/claim", Map.of("ore", minedOre, "amount", 1))
                .bearerAuth(token));
        assertThat(claim.status()).isEqualTo(202);
        assertThat(call(http, json, getAs("/api/game/leaderboard/me?period=all", token)).json()).containsKey("me");
        long held = count("select coalesce(sum(balance), 0) from game.account where player_id = ?", player);
        long purgedBefore = count("select coalesce(sum(balance), 0) from game.account where kind = 'purged'");

        Topics.publish(GameEvents.USER_LIFECYCLE_TOPIC, player.toString(), "UserDeleted",
                "{\"userId\":\"" + player + "\",\"requestedAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(count("select count(*) from game.player where id = ? and deleted_at is not null", player)).isOne());
        // Nothing left that names the player...
        assertThat(count("select count(*) from game.account where player_id = ?", player)).isZero();
        assertThat(count("select count(*) from game.reward where player_id = ? or wallet is not null and id = ?::uuid",
                player, claim.str("rewardId"))).isZero();
        assertThat(count("select count(*) from game.mine_request where player_id = ?", player)).isZero();
        // ...the ore went to the purged account, the claim kept its amounts, and every transaction balances.
        assertThat(count("select coalesce(sum(balance), 0) from game.account where kind = 'purged'")).isEqualTo(purgedBefore + held);
        assertThat(count("select count(*) from game.reward where id = ?::uuid and status = 'requested' and ore_amount = 1",
                claim.str("rewardId"))).isOne();
        assertThat(count("select count(*) from (select tx_id from game.ledger_entry group by tx_id having sum(amount) <> 0) t"))
                .isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(call(http, json, getAs("/api/game/leaderboard/me?period=all", token)).json()).doesNotContainKey("me"));

        // The token is still valid for some minutes, but the account cannot play any more.
        assertProblem(call(http, json, mine(token, (String) nodes.getLast().get("nodeId"), newKey())), 403,
                "game.account_deleted");
        assertThat(call(http, json, getAs("/api/game/inventory", token)).list("items"))
                .allSatisfy(i -> assertThat(i.get("balance")).isEqualTo(0));
        assertThat(call(http, json, getAs("/api/game/ledger", token)).list("entries")).isEmpty();
        assertThat(call(http, json, getAs("/api/game/rewards", token)).list("rewards")).isEmpty();

        // A payout failing after the deletion refunds into the purged account, not to the gone player.
        Topics.publish(GameEvents.REWARDS_SETTLED_TOPIC, claim.str("rewardId"), "RewardSettled",
                "{\"rewardId\":\"" + claim.str("rewardId") + "\",\"status\":\"FAILED\",\"reason\":\"x\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(count("select count(*) from game.reward where id = ?::uuid and status = 'failed'",
                        claim.str("rewardId"))).isOne());
        assertThat(count("select coalesce(sum(balance), 0) from game.account where kind = 'purged'"))
                .isEqualTo(purgedBefore + held + 1);
    }

    @Test
    void otherLifecycleEventsAndGarbageAreIgnored() {
        UUID player = UUID.randomUUID();
        Topics.publish(GameEvents.USER_LIFECYCLE_TOPIC, player.toString(), "UserRegistered", "{\"userId\":\"" + player + "\"}");
        Topics.publishRaw(GameEvents.USER_LIFECYCLE_TOPIC, player.toString(), "{{{");
        Topics.publish(GameEvents.USER_LIFECYCLE_TOPIC, player.toString(), "UserDeleted", "{\"requestedAt\":\"x\"}");
        UUID other = UUID.randomUUID();
        Topics.publish(GameEvents.USER_LIFECYCLE_TOPIC, other.toString(), "UserDeleted", "{\"userId\":\"" + other + "\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(count("select count(*) from game.player where id = ? and deleted_at is not null", other)).isOne());
        assertThat(count("select count(*) from game.player where id = ?", player)).isZero();
    }
}
