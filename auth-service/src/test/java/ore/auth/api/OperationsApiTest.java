package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What operators and client developers rely on: health, metrics, tracing headers, the OpenAPI document. */
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
        assertThat(call(http, json, HttpRequest.GET("/health/readiness")).status()).isEqualTo(200);
        assertThat(call(http, json, HttpRequest.GET("/health/liveness")).status()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusText() {
        call(http, json, HttpRequest.GET("/api/auth/.well-known/jwks.json"));
        var r = call(http, json, HttpRequest.GET("/metrics"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("# TYPE").contains("http_server_requests_seconds").contains("jvm_memory_used_bytes")
                .as("processed_event pruning is wired").contains("ore_inbox_pruned_total{schema=\"auth\"}")
                .as("the HTTP server timer publishes a percentile histogram with the 100 ms SLO as a bound")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.1\"");
    }

    @Test
    void theTraceOfTheCallerIsContinued() {
        var r = call(http, json, HttpRequest.GET("/api/auth/.well-known/jwks.json")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(r.headers().get("traceresponse")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        var problem = call(http, json, HttpRequest.GET("/api/auth/me")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(problem.str("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var r = call(http, json, HttpRequest.GET("/api/auth/docs/ore-auth-service-1.yml"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("/api/auth/login").contains("/api/auth/siwe/verify").contains("bearerFormat: JWT")
                .contains("http://localhost:8080");
        // Service-to-service endpoints are not part of the public contract (docs/contracts.md has them).
        assertThat(r.raw()).doesNotContain("/internal/");
    }

    @Test
    void theInternalSurfaceIsNotServedToRequestsThatCameThroughTheAlb() {
        // Straight to the task (Prometheus, other services): served.
        assertThat(call(http, json, HttpRequest.GET("/metrics")).status()).isEqualTo(200);
        var direct = call(http, json, HttpRequest.POST("/internal/auth/token", Map.of("grant_type", "client_credentials"))
                .contentType(io.micronaut.http.MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertThat(direct.status()).isNotEqualTo(404);
        // Through the ALB (it always writes X-Forwarded-For): as if the routes did not exist.
        var metrics = call(http, json, HttpRequest.GET("/metrics").header("X-Forwarded-For", "203.0.113.7"));
        assertThat(metrics.status()).isEqualTo(404);
        assertThat(metrics.raw()).doesNotContain("jvm_");
        var token = call(http, json, HttpRequest.POST("/internal/auth/token", Map.of("grant_type", "client_credentials"))
                .contentType(io.micronaut.http.MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("X-Forwarded-For", "203.0.113.7"));
        assertThat(token.status()).isEqualTo(404);
        // The public API still works through the ALB.
        assertThat(call(http, json, HttpRequest.GET("/health").header("X-Forwarded-For", "203.0.113.7")).status())
                .isEqualTo(200);
    }
}
