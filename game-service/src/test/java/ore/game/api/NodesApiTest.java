package ore.game.api;

import static ore.game.api.MiningApiTest.assertProblem;
import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import ore.game.domain.node.GeoPoint;
import ore.game.domain.node.NodeLifetime;
import ore.game.domain.node.NodeSpawner;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/game/nodes. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodesApiTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();
    String token;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    NodeSpawner spawner;

    @Override
    public Map<String, String> getProperties() {
        token = peers.playerToken(UUID.randomUUID());
        return GameApi.properties(peers, Map.of());
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    private GameApi.Response list(String query) {
        return call(http, json, getAs("/api/game/nodes?" + query, token));
    }

    @Test
    void listsThisHoursNodesInTheRadiusNearestFirst() {
        var r = list("lat=" + LAT + "&lon=" + LON + "&radius=800");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(((Number) r.json().get("radiusM")).doubleValue()).isEqualTo(800);
        long hour = NodeLifetime.hourOf(Instant.now());
        assertThat(r.num("hour")).isBetween(hour - 1, hour);
        var nodes = r.list("nodes");
        assertThat(nodes).isNotEmpty().isSortedAccordingTo(Comparator.comparingDouble(n -> ((Number) n.get("distanceM")).doubleValue()));
        var center = new GeoPoint(LAT, LON);
        for (var n : nodes) {
            var position = new GeoPoint(((Number) n.get("lat")).doubleValue(), ((Number) n.get("lon")).doubleValue());
            assertThat(position.distanceM(center)).isLessThanOrEqualTo(800);
            assertThat((String) n.get("nodeId")).matches("[0-9a-f]{15}:" + r.num("hour"));
            assertThat((String) n.get("ore")).isIn("copper", "iron", "silver", "gold", "mythril");
            assertThat(((Number) n.get("remaining")).intValue()).isPositive()
                    .isLessThanOrEqualTo(((Number) n.get("capacity")).intValue());
            assertThat(n).containsKey("expiresAt");
        }
        // Exactly what the spawner says is there.
        assertThat(nodes).hasSize(spawner.near(center, 800, r.num("hour")).size());
    }

    @Test
    void theRadiusIsCappedAndDefaulted() {
        var capped = list("lat=" + LAT + "&lon=" + LON + "&radius=50000");
        assertThat(capped.status()).isEqualTo(200);
        assertThat(((Number) capped.json().get("radiusM")).doubleValue()).isEqualTo(1000);
        assertThat(capped.list("nodes")).allSatisfy(n -> assertThat(((Number) n.get("distanceM")).doubleValue()).isLessThanOrEqualTo(1000));
        var defaulted = list("lat=" + LAT + "&lon=" + LON);
        assertThat(((Number) defaulted.json().get("radiusM")).doubleValue()).isEqualTo(500);
    }

    @Test
    void anEmptyAreaIsAnEmptyList() {
        var r = list("lat=" + LAT + "&lon=" + LON + "&radius=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.list("nodes")).isNotNull();
    }

    @Test
    void badPositionsAndRadiiAre400() {
        assertProblem(list("lon=" + LON), 400, "game.invalid_position");
        assertProblem(list("lat=91&lon=0"), 400, "game.invalid_position");
        assertProblem(list("lat=0&lon=-180.5"), 400, "game.invalid_position");
        assertProblem(list("lat=NaN&lon=0"), 400, "game.invalid_position");
        assertProblem(list("lat=0&lon=Infinity"), 400, "game.invalid_position");
        assertProblem(list("lat=0&lon=0&radius=0"), 400, "game.invalid_radius");
        assertProblem(list("lat=0&lon=0&radius=-5"), 400, "game.invalid_radius");
        assertThat(list("lat=north&lon=0").status()).isEqualTo(400);
        assertThat(list("lat=1e400&lon=0").status()).isEqualTo(400);
    }

    @Test
    void nodesAreListedOnlyAroundThePlayersOwnPosition() {
        UUID bot = UUID.randomUUID();
        String botToken = peers.playerToken(bot);
        // The bot's last position is 5 km from where it asks: mapping a city from one place is refused.
        peers.answer(bot, q -> PeerStub.Answer.near(q.playerId(), 5_000, 1_000, false));
        var far = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", botToken));
        assertProblem(far, 422, "game.search_too_far");
        peers.answer(bot, q -> PeerStub.Answer.unknown(q.playerId()));
        assertProblem(call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON, botToken)), 422,
                "game.search_too_far");
        // An old position is not "where the player is" either.
        peers.answer(bot, q -> PeerStub.Answer.near(q.playerId(), 10, 11 * 60_000, false));
        assertProblem(call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON, botToken)), 422,
                "game.search_too_far");
        peers.answer(bot, q -> PeerStub.Answer.near(q.playerId(), 900, 1_000, false));
        assertThat(call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON, botToken)).status()).isEqualTo(200);
    }

    @Test
    void nodesInsideNoPlayZonesAreNotListed() {
        var all = list("lat=" + LAT + "&lon=" + LON + "&radius=1000").list("nodes");
        assertThat(all).hasSizeGreaterThan(1);
        var hidden = all.get(all.size() / 2);
        double lat = ((Number) hidden.get("lat")).doubleValue();
        double lon = ((Number) hidden.get("lon")).doubleValue();
        peers.zones(p -> Math.abs(p[0] - lat) < 1e-9 && Math.abs(p[1] - lon) < 1e-9);
        try {
            var listed = list("lat=" + LAT + "&lon=" + LON + "&radius=1000").list("nodes");
            assertThat(listed).hasSize(all.size() - 1).noneMatch(n -> hidden.get("nodeId").equals(n.get("nodeId")));
        } finally {
            peers.zones(p -> false);
        }
    }

    @Test
    void aTokenIsRequired() {
        assertThat(call(http, json, HttpRequest.GET("/api/game/nodes?lat=0&lon=0")).status()).isEqualTo(401);
    }
}
