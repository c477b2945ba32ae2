package ore.game.api;

import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.game.support.GameApi;
import ore.game.support.LocationProcess;
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mining against a real location-service process: the player's fixes go to location-service, and
 * game-service asks it, with a service token, whether the player stands by the node.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationEndToEndTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();
    LocationProcess location;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        location = LocationProcess.start(peers);
        return GameApi.properties(peers, Map.of("ore.game.location.url", location.baseUrl()));
    }

    @AfterAll
    void stop() {
        if (location != null) {
            location.close();
        }
        peers.close();
    }

    /** Sends two fresh fixes one second apart at (lat, lon) to the real location-service. */
    private void standAt(String token, double lat, double lon) {
        standAt(token, lat, lon, 0);
    }

    /** Two fixes one second apart at (lat, lon), the later one {@code agoMs} before now. */
    private void standAt(String token, double lat, double lon, long agoMs) {
        long now = System.currentTimeMillis() - agoMs;
        List<Map<String, Object>> fixes = List.of(
                Map.of("lat", lat, "lon", lon, "accuracy", 5.0, "ts", now - 1000),
                Map.of("lat", lat + 0.000005, "lon", lon, "accuracy", 5.0, "ts", now));
        var r = send(token, fixes);
        assertThat(r.num("accepted")).as(r.raw()).isEqualTo(2);
    }

    private GameApi.Response send(String token, List<Map<String, Object>> fixes) {
        var request = HttpRequest.POST(location.baseUrl() + "/api/location/updates", Map.of("fixes", fixes))
                .bearerAuth(token);
        var r = call(http, json, request);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r;
    }

    /**
     * A node near the test's centre. Nodes are listed only around the player's own position, so the
     * player first reports one there, five minutes ago (time enough to walk to any listed node since).
     */
    private Map<String, Object> someNode(String token) {
        standAt(token, LAT, LON, 300_000);
        var r = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        var nodes = r.list("nodes");
        assertThat(nodes).isNotEmpty();
        return nodes.get((int) (Math.random() * nodes.size()));
    }

    @Test
    void aPlayerStandingAtTheNodeMinesIt() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var node = someNode(token);
        standAt(token, (double) node.get("lat"), (double) node.get("lon"));

        var mined = call(http, json, mine(token, (String) node.get("nodeId"), newKey()));
        assertThat(mined.status()).as(mined.raw()).isEqualTo(200);
        assertThat(mined.num("amount")).isPositive();
    }

    @Test
    void aPlayerFarFromTheNodeOrWithNoPositionIsRefused() {
        UUID far = UUID.randomUUID();
        String token = peers.playerToken(far);
        var node = someNode(token);
        standAt(token, (double) node.get("lat") + 0.01, (double) node.get("lon"));   // ≈ 1.1 km north
        var tooFar = call(http, json, mine(token, (String) node.get("nodeId"), newKey()));
        assertThat(tooFar.status()).as(tooFar.raw()).isEqualTo(422);
        assertThat(tooFar.code()).isEqualTo("game.too_far");

        String nowhere = peers.playerToken(UUID.randomUUID());
        var unknown = call(http, json, mine(nowhere, (String) node.get("nodeId"), newKey()));
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("game.too_far");
        // ...and without a position of its own, a player cannot list nodes anywhere.
        var listing = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON, nowhere));
        assertThat(listing.code()).as(listing.raw()).isEqualTo("game.search_too_far");
    }

    @Test
    void aChainOfSmallJumpsEndingAtTheNodeDoesNotMine() {
        UUID spoofer = UUID.randomUUID();
        String token = peers.playerToken(spoofer);
        var node = someNode(token);
        double lat = (double) node.get("lat");
        double lon = (double) node.get("lon");
        // The review's spoofer: 20 fixes a second apart, each 110 m further north and claiming 50 m
        // accuracy, ending on the node.
        long now = System.currentTimeMillis();
        var chain = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < 20; i++) {
            chain.add(Map.<String, Object>of("lat", lat - (19 - i) * 110 / 111_195.0, "lon", lon, "accuracy", 50.0,
                    "ts", now - (19 - i) * 1000L));
        }
        for (var fix : chain) {
            send(token, List.of(fix));
        }
        var mined = call(http, json, mine(token, (String) node.get("nodeId"), newKey()));
        assertThat(mined.status()).as(mined.raw()).isEqualTo(422);
        assertThat(mined.code()).isIn("game.too_far", "game.untrusted_position", "game.imprecise_position");
    }

    @Test
    void aMockLocationRepeatingOneCoordinateOnTheNodeDoesNotMine() {
        UUID spoofer = UUID.randomUUID();
        String token = peers.playerToken(spoofer);
        var node = someNode(token);
        long now = System.currentTimeMillis();
        var fixes = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < 8; i++) {
            fixes.add(Map.<String, Object>of("lat", node.get("lat"), "lon", node.get("lon"), "accuracy", 5.0,
                    "ts", now - (7 - i) * 1000L));
        }
        var r = send(token, fixes);
        // Accepted (so the player is placed there), but SUSPICIOUS (repeated_fix): no mining.
        assertThat(r.list("results").getLast()).containsEntry("verdict", "SUSPICIOUS");
        var mined = call(http, json, mine(token, (String) node.get("nodeId"), newKey()));
        assertThat(mined.code()).as(mined.raw()).isEqualTo("game.untrusted_position");
    }

    @Test
    void aPositionWithAccuracyUnfitFor40MetresDoesNotMine() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var node = someNode(token);
        long now = System.currentTimeMillis();
        var r = send(token, List.of(Map.<String, Object>of("lat", node.get("lat"), "lon", node.get("lon"), "accuracy", 35.0,
                "ts", now)));
        assertThat(r.list("results").getLast()).containsEntry("verdict", "TRUSTED");
        var mined = call(http, json, mine(token, (String) node.get("nodeId"), newKey()));
        assertThat(mined.code()).as(mined.raw()).isEqualTo("game.imprecise_position");
    }
}
