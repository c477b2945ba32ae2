package ore.location.api;

import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.serviceToken;
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

/**
 * The public per-IP and per-player budgets are for players behind the ALB. Service calls to
 * /internal/* (service tokens, reachable only inside the VPC) are not players: one game task asks
 * location for every mine of every player it serves, from one address, as one subject. Under the
 * public budgets it was throttled (429), its breaker opened and mining answered 503 for everyone
 * (found with bin/ore-bots: 20 players were enough).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalRateLimitApiTest implements TestPropertyProvider {

    static final int BUDGET = 5;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of(
                "ore.rate-limit.per-ip-per-minute", Integer.toString(BUDGET),
                "ore.rate-limit.per-user-per-minute", Integer.toString(BUDGET)));
    }

    @Test
    void serviceCallsToInternalApisAreNotHeldToThePlayersBudgets() {
        String game = serviceToken("game", "location");
        for (int i = 0; i < BUDGET * 4; i++) {
            var answer = call(http, json, HttpRequest.GET("/internal/location/proximity?playerId=" + UUID.randomUUID()
                    + "&lat=37.5&lon=127.0&maxDistanceM=40").bearerAuth(game));
            assertThat(answer.status()).as("call %d: %s", i + 1, answer.raw()).isEqualTo(200);
        }
    }

    @Test
    void playersStillAreHeldToThem() {
        String player = playerToken(UUID.randomUUID());
        int limited = 0;
        for (int i = 0; i < BUDGET * 4; i++) {
            var answer = call(http, json, HttpRequest.GET("/api/location/nearby?lat=37.5&lon=127.0&radius=100").bearerAuth(player));
            if (answer.status() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("requests over the budget are refused").isGreaterThan(0);
    }
}
