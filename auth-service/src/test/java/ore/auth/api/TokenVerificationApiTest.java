package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import ore.auth.adapter.out.crypto.KeyRing;
import ore.security.JwtForge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The JWT attack suite against auth-service's own protected endpoints, and the JWKS it publishes. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenVerificationApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    KeyRing keys;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private String registeredPlayerId() {
        var r = call(http, json, HttpRequest.POST("/api/auth/guest", Map.of("deviceId", "dev-" + UUID.randomUUID())));
        @SuppressWarnings("unchecked")
        var tokens = (Map<String, Object>) r.json().get("tokens");
        return (String) tokens.get("playerId");
    }

    @Test
    void aTokenSignedWithTheRealKeyIsAccepted() {
        var forge = new JwtForge(keys.active(), "https://auth.ore.local", "ore-api");
        String player = registeredPlayerId();
        var me = call(http, json, HttpRequest.GET("/api/auth/me").bearerAuth(forge.valid(player)));
        assertThat(me.status()).isEqualTo(200);
    }

    @Test
    void everyForgeryIsRejectedWith401ProblemJson() {
        var forge = new JwtForge(keys.active(), "https://auth.ore.local", "ore-api");
        String player = registeredPlayerId();
        forge.attacks(player).forEach((name, token) -> {
            var r = call(http, json, HttpRequest.GET("/api/auth/me").bearerAuth(token));
            assertThat(r.status()).as(name).isEqualTo(401);
            assertThat(r.contentType()).as(name).startsWith("application/problem+json");
            assertThat(r.raw()).as(name).doesNotContain("Exception").doesNotContain("at ore.");
        });
    }

    @Test
    void aServiceTokenCannotActAsAPlayer() {
        var forge = new JwtForge(keys.active(), "https://auth.ore.local", "ore-api");
        String token = forge.with("game", c -> c.claim("roles", java.util.List.of("service")));
        assertThat(call(http, json, HttpRequest.GET("/api/auth/me").bearerAuth(token)).status()).isEqualTo(403);
    }

    @Test
    void jwksPublishesThePublicKeyOnly() throws Exception {
        var r = call(http, json, HttpRequest.GET("/api/auth/.well-known/jwks.json"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Cache-Control")).contains("max-age");
        JWKSet set = JWKSet.parse(r.raw());
        assertThat(set.getKeys()).hasSize(1);
        assertThat(set.getKeys().getFirst().getKeyID()).isEqualTo(keys.active().getKeyID());
        assertThat(set.getKeys().getFirst().isPrivate()).isFalse();
        assertThat(r.raw()).doesNotContain("\"d\"");
    }
}
