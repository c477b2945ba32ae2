package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A service other than auth verifying tokens against a JWKS served over real HTTP (by a test
 * controller standing in for auth-service), through Micronaut Security's filter.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignServiceTokenTest implements TestPropertyProvider {

    static final ECKey KEY = JwtForge.newKey("key-2026-11");
    static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    static volatile JWKSet published = new JWKSet(KEY.toPublicJWK());

    final JwtForge forge = new JwtForge(KEY, "https://auth.ore.local", "ore-api");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    RemoteJwksSignature signature;

    @Inject
    java.util.Collection<io.micronaut.security.token.validator.TokenValidator<?>> tokenValidators;

    /** Which crypto provider verifies; a subclass runs the whole suite on the JDK's. */
    String cryptoProvider() {
        return "accp";
    }

    @Override
    public Map<String, String> getProperties() {
        int port = freePort();
        return Map.of(
                "spec.name", "ForeignServiceTokenTest",
                "micronaut.server.port", Integer.toString(port),
                "ore.security.jwks-url", "http://127.0.0.1:" + port + "/test-jwks",
                "ore.security.audiences", "ore-api,location",
                "ore.security.jwks-min-refresh-interval", "0s",
                "ore.security.crypto-provider", cryptoProvider(),
                // As the services configure it: Micronaut's own nbf check must not undercut the skew.
                "micronaut.security.token.jwt.claims-validators.not-before", "true",
                "ore.rate-limit.enabled", "false");
    }

    @Test
    void toleratesTheDocumentedClockSkewOnExpNbfAndIat() {
        Instant now = Instant.now();
        // A service whose clock runs 10 s ahead of (or behind) auth-service's still accepts tokens.
        String expiredBySkew = forge.with("p-1", c -> c.expirationTime(Date.from(now.minusSeconds(10))));
        String fromTheNearFuture = forge.with("p-1", c -> c.issueTime(Date.from(now.plusSeconds(10)))
                .notBeforeTime(Date.from(now.plusSeconds(10))));
        assertThat(statusOf(HttpRequest.GET("/whoami").bearerAuth(expiredBySkew)).getCode()).isEqualTo(200);
        assertThat(statusOf(HttpRequest.GET("/whoami").bearerAuth(fromTheNearFuture)).getCode()).isEqualTo(200);
        // Beyond the 30 s tolerance they are refused.
        String expired = forge.with("p-1", c -> c.expirationTime(Date.from(now.minusSeconds(45))));
        String future = forge.with("p-1", c -> c.notBeforeTime(Date.from(now.plusSeconds(45))));
        assertThat(statusOf(HttpRequest.GET("/whoami").bearerAuth(expired)).getCode()).isEqualTo(401);
        assertThat(statusOf(HttpRequest.GET("/whoami").bearerAuth(future)).getCode()).isEqualTo(401);
    }

    @Test
    void theChosenCryptoProviderVerifies() {
        assertThat(signature.provider().getName())
                .isEqualTo("jdk".equals(cryptoProvider()) ? "SunEC" : "AmazonCorrettoCryptoProvider");
    }

    /** Micronaut's Nimbus validator is replaced, not joined: a token it accepted would otherwise still pass. */
    @Test
    void oresValidatorIsTheOnlyTokenValidator() {
        assertThat(tokenValidators).hasSize(1).first().isInstanceOf(OreAccessTokenValidator.class);
    }

    @Test
    void acceptsAValidPlayerToken() {
        Map<?, ?> response = client.toBlocking().retrieve(HttpRequest.GET("/whoami").bearerAuth(forge.valid("p-1")), Map.class);
        assertThat((Map<Object, Object>) response).containsEntry("sub", "p-1").containsEntry("roles", List.of("player"));
    }

    @Test
    void acceptsAServiceTokenAddressedToThisService() {
        var serviceForge = new JwtForge(KEY, "https://auth.ore.local", "location");
        String token = serviceForge.with("game", c -> c.claim("roles", List.of("service")));
        Map<?, ?> response = client.toBlocking().retrieve(HttpRequest.GET("/whoami").bearerAuth(token), Map.class);
        assertThat((Map<Object, Object>) response).containsEntry("sub", "game");
    }

    @Test
    void rejectsEveryForgeryWith401() {
        forge.attacks("p-1").forEach((name, token) -> {
            var status = statusOf(HttpRequest.GET("/whoami").bearerAuth(token));
            assertThat(status.getCode()).as(name).isEqualTo(401);
        });
    }

    @Test
    void rejectsMissingToken() {
        assertThat(statusOf(HttpRequest.GET("/whoami")).getCode()).isEqualTo(401);
    }

    @Test
    void picksUpARotatedKeyOnItsFirstUse() {
        client.toBlocking().retrieve(HttpRequest.GET("/whoami").bearerAuth(forge.valid("p-1")));
        ECKey next = JwtForge.newKey("key-2026-12-" + java.util.UUID.randomUUID());
        published = new JWKSet(List.of(KEY.toPublicJWK(), next.toPublicJWK()));
        int before = JWKS_FETCHES.get();
        String token = new JwtForge(next, "https://auth.ore.local", "ore-api").valid("p-2");
        Map<?, ?> response = client.toBlocking().retrieve(HttpRequest.GET("/whoami").bearerAuth(token), Map.class);
        assertThat((Map<Object, Object>) response).containsEntry("sub", "p-2");
        assertThat(JWKS_FETCHES.get()).isEqualTo(before + 1);
    }

    private HttpStatus statusOf(HttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Requires(property = "spec.name", value = "ForeignServiceTokenTest")
    @Controller
    static class TestEndpoints {

        @Secured(SecurityRule.IS_ANONYMOUS)
        @Get("/test-jwks")
        String jwks() {
            JWKS_FETCHES.incrementAndGet();
            return published.toString();
        }

        @Secured(SecurityRule.IS_AUTHENTICATED)
        @Get("/whoami")
        Map<String, Object> whoami(Authentication authentication) {
            return Map.of("sub", authentication.getName(), "roles", authentication.getRoles());
        }
    }
}
