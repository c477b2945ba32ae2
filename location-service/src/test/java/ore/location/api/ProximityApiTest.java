package ore.location.api;

import static ore.location.api.ApiTestSupport.adminToken;
import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.move;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.serviceToken;
import static ore.location.api.UpdatesApiTest.assertProblem;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /internal/location/proximity} for game-service. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProximityApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    final String game = serviceToken("game", "location");

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private ApiTestSupport.Response proximity(String token, Object playerId, double[] at, Object maxDistance) {
        var request = HttpRequest.GET("/internal/location/proximity?playerId=" + playerId + "&lat=" + at[0] + "&lon="
                + at[1] + "&maxDistanceM=" + maxDistance);
        return call(http, json, token == null ? request : request.bearerAuth(token));
    }

    @Test
    void answersDistanceAgeAndZoneOfTheLastTrustedPosition() {
        UUID player = UUID.randomUUID();
        double[] here = randomPlace();
        var sent = call(http, json, post("/api/location/updates",
                batch(List.of(fix(here, 6, System.currentTimeMillis() - 2000))), playerToken(player)));
        assertThat(sent.json()).containsEntry("accepted", 1);

        var near = proximity(game, player, move(here, 30, 90), 40);
        assertThat(near.status()).as(near.raw()).isEqualTo(200);
        assertThat(near.json()).containsEntry("playerId", player.toString()).containsEntry("known", true)
                .containsEntry("withinDistance", true).containsEntry("inNoPlayZone", false)
                .containsEntry("targetInNoPlayZone", false).containsEntry("verdict", "TRUSTED")
                .containsEntry("accuracyM", 6.0);
        assertThat(((Number) near.json().get("distanceM")).doubleValue()).isBetween(29.0, 31.0);
        assertThat(((Number) near.json().get("fixAgeMs")).longValue()).isBetween(1500L, 60_000L);

        assertThat(proximity(game, player, move(here, 30, 90), 10).json()).containsEntry("withinDistance", false);

        double d = 0.001;
        var zone = call(http, json, post("/api/location/admin/zones", Map.of("name", "z", "geometry", Map.of("type",
                "Polygon", "coordinates", List.of(List.of(List.of(here[1] - d, here[0] - d), List.of(here[1] + d, here[0] - d),
                        List.of(here[1] + d, here[0] + d), List.of(here[1] - d, here[0] + d), List.of(here[1] - d, here[0] - d))))),
                adminToken(UUID.randomUUID())));
        assertThat(zone.status()).isEqualTo(201);
        assertThat(proximity(game, player, here, 40).json()).containsEntry("inNoPlayZone", true)
                .containsEntry("targetInNoPlayZone", true);
    }

    @Test
    void anUnknownPlayerIsKnownFalse() {
        var r = proximity(game, UUID.randomUUID(), randomPlace(), 40);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("known", false).containsEntry("targetInNoPlayZone", false)
                .doesNotContainKeys("distanceM", "withinDistance");
    }

    @Test
    void onlyServiceTokensAddressedToLocationMayAsk() {
        double[] at = randomPlace();
        UUID player = UUID.randomUUID();
        assertProblem(proximity(null, player, at, 40), 401);
        assertProblem(proximity(playerToken(player), player, at, 40), 403);
        assertProblem(proximity(adminToken(player), player, at, 40), 403);
        assertProblem(proximity(serviceToken("game", "game"), player, at, 40), 401);
        assertThat(proximity(game, player, at, 40).status()).isEqualTo(200);
    }

    @Test
    void onlyTheListedCallersMayAskNotEveryService() {
        double[] at = randomPlace();
        UUID player = UUID.randomUUID();
        // A valid service token for audience location, but from a service that has no business asking.
        var realtime = proximity(serviceToken("realtime", "location"), player, at, 40);
        assertProblem(realtime, 403);
        assertThat(realtime.str("code")).isEqualTo("location.caller_not_allowed");
        var zones = call(http, json, post("/internal/location/zones/contains",
                Map.of("points", List.of(Map.of("lat", at[0], "lon", at[1]))), serviceToken("chain-gateway", "location")));
        assertProblem(zones, 403);
        assertThat(proximity(game, player, at, 40).status()).isEqualTo(200);
    }

    @Test
    void aFixStampedAheadOfTheServerClockAgesFromItsArrival() {
        UUID player = UUID.randomUUID();
        double[] here = randomPlace();
        var sent = call(http, json, post("/api/location/updates",
                batch(List.of(fix(here, 6, System.currentTimeMillis() + 25_000))), playerToken(player)));
        assertThat(sent.json()).as(sent.raw()).containsEntry("accepted", 1);
        long arrived = System.currentTimeMillis();
        // Stamped 25 s ahead, it used to count as 0 ms old for those 25 s (fresh for max age + 25 s).
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(1500))
                .atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                    long age = ((Number) proximity(game, player, here, 40).json().get("fixAgeMs")).longValue();
                    assertThat(age).isGreaterThanOrEqualTo(1000L).isLessThanOrEqualTo(System.currentTimeMillis() - arrived + 1000);
                });
    }

    @Test
    void zoneChecksAnswerOnePointAtATime() {
        double[] inside = randomPlace();
        double[] outside = move(inside, 2000, 0);
        double d = 0.001;
        var zone = call(http, json, post("/api/location/admin/zones", Map.of("name", "z", "geometry", Map.of("type",
                "Polygon", "coordinates", List.of(List.of(List.of(inside[1] - d, inside[0] - d), List.of(inside[1] + d, inside[0] - d),
                        List.of(inside[1] + d, inside[0] + d), List.of(inside[1] - d, inside[0] + d), List.of(inside[1] - d, inside[0] - d))))),
                adminToken(UUID.randomUUID())));
        assertThat(zone.status()).isEqualTo(201);
        var r = call(http, json, post("/internal/location/zones/contains", Map.of("points", List.of(
                Map.of("lat", outside[0], "lon", outside[1]), Map.of("lat", inside[0], "lon", inside[1]))), game));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.json()).containsEntry("inNoPlayZone", List.of(false, true));
        assertProblem(call(http, json, post("/internal/location/zones/contains",
                Map.of("points", List.of(Map.of("lat", 91, "lon", 0))), game)), 400);
    }

    @Test
    void badParametersAre400() {
        UUID player = UUID.randomUUID();
        assertProblem(proximity(game, player, new double[] {91, 0}, 40), 400);
        assertProblem(proximity(game, player, new double[] {0, 0}, 0), 400);
        assertProblem(proximity(game, player, new double[] {0, 0}, "NaN"), 400);
        assertProblem(proximity(game, player, new double[] {0, 0}, 100_001), 400);
        assertProblem(proximity(game, "someone", new double[] {0, 0}, 40), 400);
        assertProblem(call(http, json, HttpRequest.GET("/internal/location/proximity?playerId=" + player).bearerAuth(game)), 400);
    }
}
