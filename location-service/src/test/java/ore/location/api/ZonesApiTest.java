package ore.location.api;

import static ore.location.api.ApiTestSupport.adminToken;
import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
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

/** No-play zone administration and its effect on fixes. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZonesApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    final String admin = adminToken(UUID.randomUUID());

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    static Map<String, Object> square(double lat, double lon, double d) {
        var ring = List.of(List.of(lon, lat), List.of(lon + d, lat), List.of(lon + d, lat + d), List.of(lon, lat + d),
                List.of(lon, lat));
        return Map.of("type", "Polygon", "coordinates", List.of(ring));
    }

    private ApiTestSupport.Response create(String token, Object body) {
        return call(http, json, post("/api/location/admin/zones", body, token));
    }

    private Map<String, Object> fixResult(UUID player, double lat, double lon) {
        var r = call(http, json, post("/api/location/updates",
                batch(List.of(fix(new double[] {lat, lon}, 5, System.currentTimeMillis()))), playerToken(player)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.list("results").getFirst();
    }

    @Test
    void anAdminCreatesListsAndDeletesZonesAndFixesInsideAreFlagged() {
        double[] p = randomPlace();
        var created = create(admin, Map.of("name", "  Hospital  ", "geometry", square(p[0], p[1], 0.001)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.str("id");
        assertThat(created.headers().get("Location")).isEqualTo("/api/location/admin/zones/" + id);
        assertThat(created.json()).containsEntry("name", "Hospital").containsKeys("areaM2", "createdAt", "createdBy");

        var list = call(http, json, HttpRequest.GET("/api/location/admin/zones").bearerAuth(admin));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.array()).anySatisfy(z -> {
            @SuppressWarnings("unchecked")
            var zone = (Map<String, Object>) z;
            assertThat(zone).containsEntry("id", id).containsEntry("geometry", square(p[0], p[1], 0.001));
        });

        UUID player = UUID.randomUUID();
        var inside = fixResult(player, p[0] + 0.0005, p[1] + 0.0005);
        assertThat(inside).containsEntry("accepted", true).containsEntry("verdict", "TRUSTED").containsEntry("inNoPlayZone", true);
        assertThat(ApiTestSupportReasons.first(inside)).isEqualTo("no_play_zone");

        assertThat(call(http, json, HttpRequest.DELETE("/api/location/admin/zones/" + id).bearerAuth(admin)).status())
                .isEqualTo(204);
        var again = call(http, json, HttpRequest.DELETE("/api/location/admin/zones/" + id).bearerAuth(admin));
        assertProblem(again, 404);
        assertThat(again.str("code")).isEqualTo("location.zone_not_found");
        var afterwards = fixResult(player, p[0] + 0.0005, p[1] + 0.00051);
        assertThat(afterwards).containsEntry("inNoPlayZone", false);
    }

    @Test
    void aZoneSmallerThanAnH3CellStillCatchesFixes() {
        double[] p = randomPlace();
        assertThat(create(admin, Map.of("name", "kiosk", "geometry", square(p[0], p[1], 0.0001))).status()).isEqualTo(201);
        assertThat(fixResult(UUID.randomUUID(), p[0] + 0.00005, p[1] + 0.00005)).containsEntry("inNoPlayZone", true);
    }

    @Test
    void onlyAdminsManageZones() {
        var body = Map.of("name", "x", "geometry", square(1, 1, 0.001));
        String player = playerToken(UUID.randomUUID());
        assertProblem(create(player, body), 403);
        assertProblem(call(http, json, HttpRequest.GET("/api/location/admin/zones").bearerAuth(player)), 403);
        assertProblem(call(http, json, HttpRequest.DELETE("/api/location/admin/zones/" + UUID.randomUUID())
                .bearerAuth(player)), 403);
        assertProblem(call(http, json, HttpRequest.GET("/api/location/admin/zones")), 401);
        assertProblem(create(ApiTestSupport.serviceToken("game", "location"), body), 403);
    }

    @Test
    void invalidZonesAre400WithAReason() {
        List<Object> bad = List.of(
                Map.of("type", "Point", "coordinates", List.of(1, 2)),
                Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(0, 0), List.of(1, 0), List.of(0, 0)))),
                Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(0, 0), List.of(0.01, 0.01),
                        List.of(0.01, 0), List.of(0, 0.01), List.of(0, 0)))),
                Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(0, 95), List.of(0.01, 95),
                        List.of(0.01, 95.01), List.of(0, 95)))),
                square(10, 10, 1.0),
                Map.of("type", "Polygon", "coordinates", "nope"),
                Map.of("type", "Feature", "geometry", square(1, 1, 0.001)));
        for (Object geometry : bad) {
            var r = create(admin, Map.of("name", "bad", "geometry", geometry));
            assertProblem(r, 400);
            assertThat(r.str("code")).as(geometry.toString()).isEqualTo("location.invalid_zone");
        }
        assertProblem(create(admin, Map.of("name", "no geometry")), 400);
        assertProblem(create(admin, Map.of("name", " ", "geometry", square(1, 1, 0.001))), 400);
        assertProblem(create(admin, Map.of("name", "x".repeat(121), "geometry", square(1, 1, 0.001))), 400);
        assertProblem(call(http, json, HttpRequest.DELETE("/api/location/admin/zones/not-a-uuid").bearerAuth(admin)), 400);
    }
}
