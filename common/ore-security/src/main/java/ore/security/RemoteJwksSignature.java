package ore.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Verifies access tokens in every service but auth-service: ES256 only, signed by a P-256 key that
 * auth-service publishes in its JWKS under the token's {@code kid}. Any other algorithm (none, HS256
 * with the public key as secret, RS256...) or an unknown key fails verification, which Micronaut
 * Security answers with 401.
 */
@Context
@Requires(property = SecuritySettings.PREFIX + ".jwks-url")
public class RemoteJwksSignature implements ReactiveSignatureConfiguration<SignedJWT> {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwksSignature.class);

    private final JwksCache cache;

    public RemoteJwksSignature(@Client HttpClient http, SecuritySettings settings, Clock clock) {
        String url = settings.jwksUrl();
        this.cache = new JwksCache(() -> Mono.from(http.retrieve(HttpRequest.GET(url), String.class))
                .timeout(settings.jwksTimeout())
                .map(RemoteJwksSignature::parse),
                clock, settings.jwksCacheTtl(), settings.jwksMinRefreshInterval());
        cache.warmUp().subscribe();
    }

    @Override
    public Publisher<Boolean> verify(SignedJWT jwt) {
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            return Mono.just(false);
        }
        return cache.key(jwt.getHeader().getKeyID()).map(key -> verifyWith(key, jwt));
    }

    static boolean verifyWith(Optional<JWK> key, SignedJWT jwt) {
        if (key.isEmpty() || !(key.get() instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            return false;
        }
        try {
            return jwt.verify(new ECDSAVerifier(ec.toECPublicKey()));
        } catch (JOSEException e) {
            LOG.debug("Token verification failed: {}", e.getMessage());
            return false;
        }
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("auth-service returned an unreadable JWKS", e);
        }
    }
}
