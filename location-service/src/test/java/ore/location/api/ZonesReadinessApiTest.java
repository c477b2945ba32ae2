package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.serviceToken;
import static ore.location.api.ApiTestSupport.walk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ore.location.adapter.out.jooq.JooqTransactions;
import ore.location.adapter.out.jooq.JooqZoneStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zones fail closed at start-up: until an instance has loaded them once it is not ready ({@code /health}
 * 503, so the load balancer sends it nothing) and what depends on zones answers 503; it keeps
 * retrying, and becomes ready as soon as a load succeeds.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZonesReadinessApiTest implements TestPropertyProvider {

    static final String SPEC = "ZonesReadinessApiTest";
    static volatile boolean databaseDown = true;

    /** The real zone store, whose reads fail while {@link #databaseDown} (as during a database outage at start-up). */
    @Singleton
    @Replaces(JooqZoneStore.class)
    @Requires(property = "spec.name", value = SPEC)
    static class ZoneStoreBehindAnOutage extends JooqZoneStore {

        ZoneStoreBehindAnOutage(JooqTransactions tx, JsonMapper json) {
            super(tx, json);
        }

        @Override
        public long revision() {
            if (databaseDown) {
                throw new IllegalStateException("connection refused (simulated outage)");
            }
            return super.revision();
        }
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(ApiTestSupport.properties(Map.of()));
        props.put("spec.name", SPEC);
        return props;
    }

    @Test
    void notReadyAndClosedUntilTheZonesAreLoadedOnce() {
        double[] at = randomPlace();
        UUID player = UUID.randomUUID();
        assertThat(call(http, json, HttpRequest.GET("/health")).status()).isEqualTo(503);
        var update = call(http, json, post("/api/location/updates", batch(walk(at, 2)), playerToken(player)));
        assertThat(update.status()).as(update.raw()).isEqualTo(503);
        assertThat(update.str("code")).isEqualTo("location.zones_not_loaded");
        var proximity = call(http, json, HttpRequest.GET("/internal/location/proximity?playerId=" + player + "&lat="
                + at[0] + "&lon=" + at[1] + "&maxDistanceM=40").bearerAuth(serviceToken("game", "location")));
        assertThat(proximity.status()).isEqualTo(503);

        databaseDown = false;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(call(http, json, HttpRequest.GET("/health")).status()).isEqualTo(200));
        assertThat(call(http, json, post("/api/location/updates", batch(walk(at, 2)), playerToken(player))).json())
                .containsEntry("accepted", 2);
    }
}
