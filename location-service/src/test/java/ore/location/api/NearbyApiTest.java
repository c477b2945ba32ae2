package ore.location.api;

import static ore.location.api.ApiTestSupport.adminToken;
import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.move;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
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

/** {@code GET /api/location/nearby}: opt-in, coarse coordinates, radius cap, no-play zones hidden. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearbyApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private void at(UUID player, double[] where) {
        var r = call(http, json, post("/api/location/updates",
                batch(List.of(fix(where, 5, System.currentTimeMillis()))), playerToken(player)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private void share(UUID player, boolean nearby) {
        var r = call(http, json, HttpRequest.PUT("/api/location/sharing", Map.of("nearby", nearby)).bearerAuth(playerToken(player)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("nearby", nearby);
    }

    private ApiTestSupport.Response nearby(UUID caller, double[] centre, Object radius) {
        return call(http, json, HttpRequest.GET("/api/location/nearby?lat=" + centre[0] + "&lon=" + centre[1]
                + "&radius=" + radius).bearerAuth(playerToken(caller)));
    }

    private static List<String> ids(ApiTestSupport.Response r) {
        return r.list("players").stream().map(p -> (String) p.get("playerId")).toList();
    }

    @Test
    void onlyOptedInPlayersWithinTheRadiusAreListedWithCoarseCoordinates() {
        double[] here = randomPlace();
        UUID me = UUID.randomUUID();
        UUID friend = UUID.randomUUID();
        UUID shy = UUID.randomUUID();
        UUID far = UUID.randomUUID();
        at(me, here);
        share(me, true);
        share(friend, true);
        at(friend, move(here, 200, 30));
        at(shy, move(here, 150, 200));
        share(far, true);
        at(far, move(here, 3000, 90));

        var r = nearby(me, here, 1000);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(ids(r)).containsExactly(friend.toString());
        assertThat(r.json()).containsEntry("precisionDecimals", 3);
        Map<String, Object> p = r.list("players").getFirst();
        double lat = ((Number) p.get("lat")).doubleValue();
        double lon = ((Number) p.get("lon")).doubleValue();
        assertThat(Math.abs(lat * 1000 - Math.round(lat * 1000))).as("3 decimals").isLessThan(1e-6);
        assertThat(Math.abs(lon * 1000 - Math.round(lon * 1000))).as("3 decimals").isLessThan(1e-6);
        assertThat(((Number) p.get("distanceM")).doubleValue()).isBetween(110.0, 290.0);
        assertThat(ids(nearby(me, here, 5000 / 5))).doesNotContain(far.toString(), me.toString(), shy.toString());
        assertThat(call(http, json, HttpRequest.GET("/api/location/sharing").bearerAuth(playerToken(shy))).json())
                .containsEntry("nearby", false);
    }

    @Test
    void optingOutHidesAPlayerAtOnce() {
        double[] here = randomPlace();
        UUID me = UUID.randomUUID();
        UUID friend = UUID.randomUUID();
        at(me, here);
        share(friend, true);
        at(friend, move(here, 100, 0));
        assertThat(ids(nearby(me, here, 500))).containsExactly(friend.toString());
        share(friend, false);
        assertThat(ids(nearby(me, here, 500))).isEmpty();
        // ...and a later update does not list them again.
        at(friend, move(here, 101, 0));
        assertThat(ids(nearby(me, here, 500))).isEmpty();
    }

    @Test
    void playersInANoPlayZoneAreHidden() {
        double[] here = randomPlace();
        UUID me = UUID.randomUUID();
        UUID inZone = UUID.randomUUID();
        UUID outside = UUID.randomUUID();
        double[] zoneCorner = move(here, 300, 90);
        double d = 0.002;
        var ring = List.of(List.of(zoneCorner[1], zoneCorner[0]), List.of(zoneCorner[1] + d, zoneCorner[0]),
                List.of(zoneCorner[1] + d, zoneCorner[0] + d), List.of(zoneCorner[1], zoneCorner[0] + d),
                List.of(zoneCorner[1], zoneCorner[0]));
        var created = call(http, json, post("/api/location/admin/zones", Map.of("name", "school",
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring))), adminToken(UUID.randomUUID())));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        at(me, here);
        share(inZone, true);
        share(outside, true);
        var flagged = call(http, json, post("/api/location/updates", batch(List.of(fix(
                new double[] {zoneCorner[0] + d / 2, zoneCorner[1] + d / 2}, 5, System.currentTimeMillis()))),
                playerToken(inZone)));
        assertThat(flagged.list("results").getFirst()).containsEntry("accepted", true).containsEntry("inNoPlayZone", true);
        at(outside, move(here, 250, 270));
        assertThat(ids(nearby(me, here, 1000))).containsExactly(outside.toString());
    }

    @Test
    void theRadiusIsCappedAndParametersChecked() {
        double[] here = randomPlace();
        UUID me = UUID.randomUUID();
        at(me, here);
        assertThat(nearby(me, here, 1000).status()).isEqualTo(200);
        for (Object bad : List.of(1001, 0, -5, "NaN", "Infinity")) {
            var r = nearby(me, here, bad);
            assertProblem(r, 400);
            assertThat(r.str("code")).as("radius %s", bad).isEqualTo("location.radius_out_of_range");
        }
        assertProblem(nearby(me, here, "wide"), 400);
        var badLat = nearby(me, new double[] {91, here[1]}, 100);
        assertProblem(badLat, 400);
        assertThat(badLat.str("code")).isEqualTo("location.invalid_coordinates");
        assertProblem(call(http, json, HttpRequest.GET("/api/location/nearby?lat=1&lon=2").bearerAuth(playerToken(me))), 400);
        assertProblem(call(http, json, HttpRequest.GET("/api/location/nearby?lat=1&lon=2&radius=10")), 401);
    }

    @Test
    void searchesMustBeCentredNearTheCaller() {
        double[] here = randomPlace();
        UUID me = UUID.randomUUID();
        var unknown = nearby(me, here, 100);
        assertProblem(unknown, 409);
        assertThat(unknown.str("code")).isEqualTo("location.position_unknown");
        at(me, here);
        var farAway = nearby(me, move(here, 5000, 0), 100);
        assertProblem(farAway, 422);
        assertThat(farAway.str("code")).isEqualTo("location.search_too_far");
        assertThat(nearby(me, move(here, 900, 0), 100).status()).isEqualTo(200);
    }

    @Test
    void sharingNeedsAValue() {
        UUID me = UUID.randomUUID();
        assertProblem(call(http, json, HttpRequest.PUT("/api/location/sharing", Map.of()).bearerAuth(playerToken(me))), 400);
        assertProblem(call(http, json, HttpRequest.PUT("/api/location/sharing", Map.of("nearby", "maybe"))
                .bearerAuth(playerToken(me))), 400);
    }
}
