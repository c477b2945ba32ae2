package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.serviceToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
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

/** {@code GET /internal/location/players/{id}/cell} for realtime-engine. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayerCellApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private ApiTestSupport.Response cell(String token, Object playerId) {
        var request = HttpRequest.GET("/internal/location/players/" + playerId + "/cell");
        return call(http, json, token == null ? request : request.bearerAuth(token));
    }

    @Test
    void answersTheResolution9CellOfTheLastTrustedFix() throws Exception {
        UUID player = UUID.randomUUID();
        double[] here = randomPlace();
        var sent = call(http, json, post("/api/location/updates",
                batch(List.of(fix(here, 6, System.currentTimeMillis() - 1000))), playerToken(player)));
        assertThat(sent.json()).containsEntry("accepted", 1);

        var answer = cell(serviceToken("realtime", "location"), player);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        String expected = H3Core.newInstance().latLngToCellAddress(here[0], here[1], 9);
        assertThat(answer.json()).containsEntry("playerId", player.toString()).containsEntry("known", true)
                .containsEntry("cell", expected);
        assertThat(cell(serviceToken("game", "location"), player).json()).containsEntry("cell", expected);
    }

    @Test
    void anUnknownPlayerHasNoCell() {
        var answer = cell(serviceToken("realtime", "location"), UUID.randomUUID());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("known", false).doesNotContainKey("cell");
    }

    @Test
    void onlyRealtimeAndGameServiceTokensMayAsk() {
        UUID player = UUID.randomUUID();
        assertThat(cell(null, player).status()).isEqualTo(401);
        assertThat(cell(playerToken(player), player).status()).isEqualTo(403);
        assertThat(cell(serviceToken("realtime", "game"), player).status()).isEqualTo(401);
        var stranger = cell(serviceToken("auth", "location"), player);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.json()).containsEntry("code", "location.caller_not_allowed");
    }

    @Test
    void aMalformedPlayerIdIsABadRequest() {
        var answer = cell(serviceToken("realtime", "location"), "not-a-uuid");
        assertThat(answer.status()).isEqualTo(400);
    }
}
