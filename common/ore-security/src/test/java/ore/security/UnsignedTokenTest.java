package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A service with no JWKS URL (as auth-service, which verifies with keys of its own) still refuses an
 * {@code alg: none} token, over HTTP through Micronaut Security's filter.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsignedTokenTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "spec.name", "UnsignedTokenTest",
                "ore.security.self-issued", "true",
                "ore.rate-limit.enabled", "false");
    }

    @Test
    void algNoneIsRejectedWithoutAJwksUrl() {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer("https://auth.ore.local").audience("ore-api").subject("p-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("roles", List.of("player")).build();
        String none = new PlainJWT(claims).serialize();
        int status;
        try {
            status = client.toBlocking().exchange(HttpRequest.GET("/unsigned-test/whoami").bearerAuth(none)).code();
        } catch (HttpClientResponseException e) {
            status = e.code();
        }
        assertThat(status).isEqualTo(401);
    }

    /** Stands in for auth-service's own key ring: it knows no key, so it verifies nothing. */
    @Requires(property = "spec.name", value = "UnsignedTokenTest")
    @Singleton
    static class NoKeys implements SignatureConfiguration {
        @Override
        public String supportedAlgorithmsMessage() {
            return "ES256";
        }

        @Override
        public boolean supports(JWSAlgorithm algorithm) {
            return JWSAlgorithm.ES256.equals(algorithm);
        }

        @Override
        public boolean verify(SignedJWT jwt) {
            return false;
        }
    }

    @Requires(property = "spec.name", value = "UnsignedTokenTest")
    @Controller("/unsigned-test")
    static class Endpoints {
        @Secured(SecurityRule.IS_AUTHENTICATED)
        @Get("/whoami")
        String whoami(Authentication authentication) {
            return authentication.getName();
        }
    }
}
