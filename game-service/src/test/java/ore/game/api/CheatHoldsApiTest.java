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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.game.app.GameEvents;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import ore.game.support.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * location-service's SuspectedCheat on the real broker ({@code ore.location.cheat}) holds the player's
 * mining and reward claims until an admin reviews and releases them; the player sees the hold in
 * their export.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheatHoldsApiTest implements TestPropertyProvider {

    static final String WALLET = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of("ore.game.mining.cooldown", "0s"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    private String admin() {
        return peers.players().with(UUID.randomUUID().toString(), c -> c.claim("roles", List.of("player", "admin")));
    }

    private UUID report(UUID player) {
        return Topics.publish(GameEvents.LOCATION_CHEAT_TOPIC, player.toString(), "SuspectedCheat",
                "{\"playerId\":\"" + player + "\",\"rejections\":5,\"windowSeconds\":600,"
                        + "\"reasons\":[\"teleport\",\"model_rejected\"],\"detectedAt\":\"" + Instant.now() + "\"}");
    }

    @Test
    void aSuspectedCheatHoldsMiningAndClaimsUntilAnAdminReleasesThem() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player, WALLET);
        var nodes = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token)).list("nodes");
        String nodeId = (String) nodes.get((int) (Math.random() * nodes.size())).get("nodeId");
        var first = call(http, json, mine(token, nodeId, newKey()));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);

        report(player);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertProblem(call(http, json, mine(token, nodeId, newKey())), 403, "game.player_held"));
        assertProblem(call(http, json, HttpRequest.POST("/api/game/rewards/claim",
                Map.of("ore", first.str("ore"), "amount", 1)).bearerAuth(token)), 403, "game.player_held");

        // Admins see it; players do not get the admin API.
        var holds = call(http, json, getAs("/api/game/admin/holds", admin()));
        assertThat(holds.status()).as(holds.raw()).isEqualTo(200);
        assertThat(holds.list("holds")).anySatisfy(h -> assertThat(h).containsEntry("playerId", player.toString())
                .containsEntry("active", true).containsEntry("reasons", List.of("teleport", "model_rejected")));
        assertThat(call(http, json, getAs("/api/game/admin/holds", token)).status()).isEqualTo(403);

        // The player's export shows the hold.
        var export = call(http, json, getAs("/api/game/me/export", token));
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        assertThat(export.json()).containsEntry("held", true).containsEntry("playerId", player.toString());
        assertThat(export.list("holds")).singleElement().satisfies(h -> assertThat(h).containsEntry("rejections", 5));

        var release = call(http, json, HttpRequest.POST("/api/game/admin/holds/" + player + "/release",
                Map.of("note", "reviewed: GPS glitch on a train")).bearerAuth(admin()));
        assertThat(release.status()).as(release.raw()).isEqualTo(204);
        assertThat(call(http, json, mine(token, nodeId, newKey())).status()).isEqualTo(200);
        var after = call(http, json, getAs("/api/game/me/export", token));
        assertThat(after.json()).containsEntry("held", false);
        assertThat(after.list("holds")).singleElement().satisfies(h -> assertThat(h).containsEntry("active", false)
                .containsEntry("releaseNote", "reviewed: GPS glitch on a train"));
        assertProblem(call(http, json, HttpRequest.POST("/api/game/admin/holds/" + player + "/release", Map.of())
                .bearerAuth(admin())), 404, "game.hold_not_found");
    }

    @Test
    void aRedeliveredReportHoldsOnceAndAReportWithoutPlayerIsSkipped() {
        UUID player = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        String key = player.toString();
        // All on one key, so one partition, in this order: a report without player (skipped, not retried
        // forever), the same report delivered twice, then a marker report for another player.
        Topics.publish(GameEvents.LOCATION_CHEAT_TOPIC, key, "SuspectedCheat", "{\"rejections\":5}");
        String envelope = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"SuspectedCheat\",\"occurredAt\":\""
                + Instant.now() + "\",\"key\":\"" + key + "\",\"payload\":{\"playerId\":\"" + player
                + "\",\"rejections\":5,\"windowSeconds\":600,\"reasons\":[\"teleport\"]}}";
        Topics.publishRaw(GameEvents.LOCATION_CHEAT_TOPIC, key, envelope);
        Topics.publishRaw(GameEvents.LOCATION_CHEAT_TOPIC, key, envelope);
        Topics.publish(GameEvents.LOCATION_CHEAT_TOPIC, key, "SuspectedCheat", "{\"playerId\":\"" + marker
                + "\",\"rejections\":5,\"windowSeconds\":600,\"reasons\":[\"teleport\"]}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(call(http, json, getAs("/api/game/admin/holds/" + marker, admin())).list("holds")).hasSize(1));
        assertThat(call(http, json, getAs("/api/game/admin/holds/" + player, admin())).list("holds")).hasSize(1);
        assertThat(call(http, json, getAs("/api/game/me/export", peers.playerToken(player))).json())
                .containsEntry("held", true);
    }
}
