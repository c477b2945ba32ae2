package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import ore.security.ServiceTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Client-credentials service tokens, and ore-security's ServiceTokens client talking to the real endpoint. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalTokenApiTest implements TestPropertyProvider {

    static final String SECRET = "s3cret-for-game-service-only-in-tests";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    EmbeddedServer server;

    @Inject
    ServiceTokens serviceTokens;

    @Override
    public Map<String, String> getProperties() {
        int port = freePort();
        return ApiTestSupport.properties(Map.of(
                "ore.auth.clients.game.secret-sha256", sha256(SECRET),
                "ore.auth.clients.game.audiences", "location,realtime",
                "ore.security.client.token-url", "http://127.0.0.1:" + port + "/internal/auth/token",
                "micronaut.server.port", Integer.toString(port),
                "ore.security.client.client-id", "game",
                "ore.security.client.client-secret", SECRET));
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiTestSupport.Response token(Map<String, String> form, String user, String password) {
        var request = HttpRequest.POST("/internal/auth/token", form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if (user != null) {
            request.basicAuth(user, password);
        }
        return call(http, json, request);
    }

    @Test
    void issuesAServiceTokenForAnAllowedAudience() throws Exception {
        var r = token(Map.of("grant_type", "client_credentials", "audience", "location"), "game", SECRET);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.str("token_type")).isEqualTo("Bearer");
        var claims = SignedJWT.parse(r.str("access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("game");
        assertThat(claims.getAudience()).containsExactly("location");
        assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of("service"));
    }

    @Test
    void refusesBadSecretsUnknownClientsAudiencesAndGrants() {
        var wrongSecret = token(Map.of("grant_type", "client_credentials", "audience", "location"), "game", "nope");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.str("code")).isEqualTo("auth.invalid_client");
        assertThat(token(Map.of("grant_type", "client_credentials", "audience", "location"), "chain", SECRET).status())
                .isEqualTo(401);
        var audience = token(Map.of("grant_type", "client_credentials", "audience", "auth"), "game", SECRET);
        assertThat(audience.status()).isEqualTo(403);
        assertThat(audience.str("code")).isEqualTo("auth.audience_not_allowed");
        var grant = token(Map.of("grant_type", "password", "audience", "location"), "game", SECRET);
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.str("code")).isEqualTo("auth.unsupported_grant_type");
    }

    @Test
    void theSharedClientFetchesAndCachesTokens() throws Exception {
        String first = serviceTokens.token("realtime").block();
        String second = serviceTokens.token("realtime").block();
        assertThat(first).isEqualTo(second);
        assertThat(SignedJWT.parse(first).getJWTClaimsSet().getAudience()).containsExactly("realtime");
    }
}
