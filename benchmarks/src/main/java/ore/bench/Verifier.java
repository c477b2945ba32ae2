package ore.bench;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * An ORE service's token verification, minus the HTTP server: a Micronaut context with ore-security
 * on the classpath and {@code ore.security.jwks-url} set, so {@code RemoteJwksSignature} (ES256 keys
 * from the JWKS, cached) and {@code OreClaimsValidator} are in play.
 *
 * <p>{@link #verify} calls {@code validateToken} of the {@link ReactiveJsonWebTokenValidator} bean
 * (ore-security's {@code OreAccessTokenValidator}, which replaces micronaut-security-jwt's Nimbus
 * validator and is the only {@code TokenValidator}): the call the security filter makes for a bearer
 * token, so parsing, signature, the claim checks and building the {@link Authentication} are all
 * measured.
 */
final class Verifier implements AutoCloseable {

    /** Far above any verification, JWKS fetch included; reaching it means something is broken. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int AWAIT_ATTEMPTS = 100;
    private static final Duration AWAIT_PAUSE = Duration.ofMillis(50);

    private final ApplicationContext context;
    private final ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> validator;
    /** The request the token arrived with; claim validators may look at it, ORE's do not. */
    private final HttpRequest<?> request = HttpRequest.GET("/api/mining/state");

    @SuppressWarnings("unchecked")
    private Verifier(ApplicationContext context) {
        this.context = context;
        this.validator = context.getBean(ReactiveJsonWebTokenValidator.class);
    }

    /**
     * Starts a context verifying against {@code jwksUrl} with the production defaults of
     * {@code ore.security.*} unless {@code overrides} says otherwise. As in a service, the JWKS fetch
     * starts with the context.
     */
    static Verifier start(String jwksUrl, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("ore.security.jwks-url", jwksUrl);
        properties.put("ore.security.issuer", AccessTokens.ISSUER);
        properties.put("ore.security.audiences", AccessTokens.AUDIENCE);
        // As game's and location's application.yml (ore-security replaces that validator with its own skew-tolerant check).
        properties.put("micronaut.security.token.jwt.claims-validators.not-before", true);
        // Rate limiting is an HTTP filter backed by Redis, not part of verifying a token.
        properties.put("ore.rate-limit.enabled", false);
        properties.putAll(overrides);
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .deduceEnvironment(false)
                .banner(false)
                .start();
        return new Verifier(context);
    }

    /** The caller the token proves, or null when the token is rejected. */
    Authentication verify(String token) {
        return Mono.from(validator.validateToken(token, request)).block(TIMEOUT);
    }

    /** Waits (bounded) until {@code token} verifies, i.e. the start-up JWKS fetch has landed. */
    void awaitAccepted(String token) {
        for (int attempt = 0; attempt < AWAIT_ATTEMPTS; attempt++) {
            if (verify(token) != null) {
                return;
            }
            try {
                Thread.sleep(AWAIT_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the JWKS", e);
            }
        }
        throw new IllegalStateException("a valid token was still rejected after "
                + AWAIT_PAUSE.multipliedBy(AWAIT_ATTEMPTS) + ": is the JWKS server reachable?");
    }

    @Override
    public void close() {
        context.close();
    }
}
