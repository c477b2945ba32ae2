package ore.game.api;

import static ore.game.support.GameApi.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Health, metrics and the OpenAPI document. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsApiTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of());
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    @Test
    void healthIsUpWithRealDependencies() {
        var r = call(http, json, HttpRequest.GET("/health"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.str("status")).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusText() {
        assertThat(call(http, json, HttpRequest.GET("/health")).status()).isEqualTo(200);
        var r = call(http, json, HttpRequest.GET("/metrics"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("ore_game_location_breaker_open").contains("ore_outbox_lag").contains("hikaricp")
                .as("processed_event pruning is wired").contains("ore_inbox_pruned_total{schema=\"game\"}")
                .as("the HTTP server timer publishes a percentile histogram with the 100 ms SLO as a bound")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.1\"")
                .as("mines and claims are counted from 0, before the first one")
                .containsPattern("ore_game_mines_total\\{ore=\"mythril\"} 0(\\.0)?\n")
                .containsPattern("ore_game_claims_total\\{ore=\"copper\"} 0(\\.0)?\n")
                .as("every Kafka listener's lag has a gauge")
                .containsPattern("ore_kafka_consumer_lag\\{consumer=\"[^\"]+\"}");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var r = call(http, json, HttpRequest.GET("/api/game/docs/ore-game-service-1.yml"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("/api/game/mine").contains("/api/game/nodes").contains("/api/game/rewards/claim")
                .contains("Idempotency-Key");
    }
}
