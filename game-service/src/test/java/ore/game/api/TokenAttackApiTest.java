package ore.game.api;

import static ore.game.support.GameApi.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JWT attack suite against game-service over HTTP (issue 8): every forgery is a 401
 * problem+json, and a game-service without a JWKS URL refuses to start, naming the setting.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenAttackApiTest implements TestPropertyProvider {

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
    void aGoodTokenIsAcceptedAndEveryForgeryIsA401() {
        UUID player = UUID.randomUUID();
        assertThat(call(http, json, HttpRequest.GET("/api/game/inventory").bearerAuth(peers.playerToken(player))).status())
                .isEqualTo(200);
        peers.players().attacks(player.toString()).forEach((name, token) -> {
            var r = call(http, json, HttpRequest.GET("/api/game/inventory").bearerAuth(token));
            assertThat(r.status()).as(name).isEqualTo(401);
            assertThat(r.raw()).as(name).doesNotContain("Exception").doesNotContain("at ore.");
        });
    }

    @Test
    void withoutAJwksUrlGameServiceRefusesToStart() {
        var props = new HashMap<String, Object>(GameApi.properties(peers, Map.of()));
        props.put("ore.security.jwks-url", "");
        assertThatThrownBy(() -> {
            try (var ctx = ApplicationContext.builder().properties(props).deduceEnvironment(false).start()) {
                ctx.getBean(ore.security.RemoteJwksSignature.class);
            }
        }).hasStackTraceContaining("ORE_SECURITY_JWKS_URL");
    }
}
