package ore.game.api;

import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
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
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Nonsense in, clear 4xx problem+json out: never a 500, never a stack trace. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputApiTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();
    String token;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        token = peers.playerToken(UUID.randomUUID());
        return GameApi.properties(peers, Map.of());
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    private GameApi.Response postRaw(String path, String body, MediaType type) {
        return call(http, json, HttpRequest.POST(path, body).contentType(type).bearerAuth(token)
                .header("Idempotency-Key", GameApi.newKey()));
    }

    private static void assertProblem(GameApi.Response r, int status) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsKeys("type", "title", "status", "code");
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.micronaut")
                .doesNotContain("org.jooq");
    }

    @Test
    void malformedBodies() {
        for (String path : List.of("/api/game/mine", "/api/game/rewards/claim")) {
            assertProblem(postRaw(path, "{\"nodeId\": ", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(path, "not json", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(path, "[1,2]", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(path, "{}", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(path, "", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(path, "{\"nodeId\": 42, \"ore\": [], \"amount\": {}}", MediaType.APPLICATION_JSON_TYPE), 400);
        }
        assertProblem(postRaw("/api/game/mine", "{\"nodeId\": \"" + "f".repeat(200) + "\"}", MediaType.APPLICATION_JSON_TYPE), 400);
        assertProblem(postRaw("/api/game/rewards/claim", "{\"ore\":\"copper\",\"amount\":1e30}", MediaType.APPLICATION_JSON_TYPE), 400);
        assertProblem(postRaw("/api/game/rewards/claim", "{\"ore\":\"copper\",\"amount\":99999999999999999999999}",
                MediaType.APPLICATION_JSON_TYPE), 400);
    }

    @Test
    void oversizedBodies() {
        var r = postRaw("/api/game/mine", "{\"nodeId\":\"" + "x".repeat(100_000) + "\"}", MediaType.APPLICATION_JSON_TYPE);
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void wrongMediaTypeMethodAndRoute() {
        assertProblem(postRaw("/api/game/mine", "nodeId=a", MediaType.TEXT_PLAIN_TYPE), 415);
        assertProblem(call(http, json, getAs("/api/game/mine", token)), 405);
        assertProblem(call(http, json, getAs("/api/game/nope", token)), 404);
    }

    @Test
    void badQueryParameters() {
        for (String path : List.of("/api/game/ledger?limit=0", "/api/game/ledger?limit=101", "/api/game/ledger?limit=x",
                "/api/game/ledger?cursor=abc", "/api/game/rewards?limit=-1", "/api/game/rewards?cursor=%00",
                "/api/game/nodes?lat=1&lon=2&radius=abc", "/api/game/nodes?lat=&lon=", "/api/game/leaderboard?period=",
                "/api/game/leaderboard/me?around=-1")) {
            assertProblem(call(http, json, getAs(path, token)), 400);
        }
    }

    @Test
    void badTokens() {
        assertProblem(call(http, json, HttpRequest.GET("/api/game/inventory")), 401);
        assertProblem(call(http, json, HttpRequest.GET("/api/game/inventory").header("Authorization", "Bearer")), 401);
        peers.players().attacks(UUID.randomUUID().toString()).forEach((name, forged) ->
                assertThat(call(http, json, getAs("/api/game/inventory", forged)).status()).as(name).isEqualTo(401));
        // A token whose subject is not a player id.
        String odd = peers.players().valid("not-a-uuid");
        assertProblem(call(http, json, getAs("/api/game/inventory", odd)), 403);
    }
}
