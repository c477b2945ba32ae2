package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.walk;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Health, metrics and the OpenAPI document. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    @Test
    void healthIsUpWithRealDependencies() {
        var r = call(http, json, HttpRequest.GET("/health"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.str("status")).isEqualTo("UP");
    }

    @Test
    void metricsCountFixesByVerdict() {
        call(http, json, post("/api/location/updates", batch(walk(randomPlace(), 2)), playerToken(UUID.randomUUID())));
        var r = call(http, json, HttpRequest.GET("/metrics"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("ore_location_fixes_total{verdict=\"TRUSTED\"}")
                .contains("ore_location_tracked_published_total").contains("http_server_requests_seconds")
                .as("processed_event pruning is wired").contains("ore_inbox_pruned_total{schema=\"location\"}")
                .as("the HTTP server timer publishes a percentile histogram with the 100 ms SLO as a bound")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.1\"");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var r = call(http, json, HttpRequest.GET("/api/location/docs/ore-location-service-1.yml"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("/api/location/updates").contains("/api/location/nearby")
                .contains("/api/location/admin/zones").contains("bearerFormat: JWT");
        // Service-to-service endpoints are not part of the public contract (docs/contracts.md has them).
        assertThat(r.raw()).doesNotContain("/internal/");
    }
}
