package ore.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashSet;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Verifies access tokens in every service but auth-service: ES256 only, {@code typ} {@code at+jwt}
 * (RFC 9068), signed by a P-256 key that auth-service publishes in its JWKS under the
 * token's {@code kid}. Any other algorithm (none, HS256 with the public key as secret, RS256...) or an
 * unknown key fails verification, which Micronaut Security answers with 401.
 *
 * <p>It is required: a service that is not auth-service ({@code ore.security.self-issued} unset) and
 * has no {@code ore.security.jwks-url} refuses to start, because Micronaut Security would otherwise
 * run without any signature configuration and accept unsigned ({@code alg: none}) tokens.
 *
 * <p>Verified signatures are remembered ({@link VerifiedSignatures}); the verification itself runs on
 * the provider {@link CryptoProviders} picked.
 */
@Context
@Requires(property = SecuritySettings.PREFIX + ".self-issued", notEquals = "true")
public class RemoteJwksSignature implements ReactiveSignatureConfiguration<SignedJWT> {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwksSignature.class);
    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final JwksCache cache;
    private final VerifiedSignatures verified;
    private final Provider provider;
    private final EcVerifiers verifiers;

    public RemoteJwksSignature(@Client HttpClient http, SecuritySettings settings, Clock clock) {
        String url = settings.jwksUrl();
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("ore.security.jwks-url (env ORE_SECURITY_JWKS_URL) is not set: every "
                    + "service but auth-service must name auth-service's JWKS, e.g. "
                    + "http://auth.ore.local:8080/api/auth/.well-known/jwks.json. Without it no token could be verified.");
        }
        this.provider = CryptoProviders.forChoice(CryptoProviders.parse(settings.cryptoProvider()));
        this.verifiers = new EcVerifiers(provider);
        this.verified = new VerifiedSignatures(settings.verifiedCacheSize(), settings.verifiedCacheTtl(), clock);
        this.cache = new JwksCache(() -> Mono.from(http.retrieve(HttpRequest.GET(url), String.class))
                .timeout(settings.jwksTimeout())
                .map(RemoteJwksSignature::parse),
                clock, settings.jwksCacheTtl(), settings.jwksMinRefreshInterval());
        cache.warmUp().subscribe();
    }

    @Override
    public Publisher<Boolean> verify(SignedJWT jwt) {
        if (!acceptableHeader(jwt.getHeader())) {
            return Mono.just(false);
        }
        return cache.key(jwt.getHeader().getKeyID()).map(key -> key.isPresent() && verifyCached(key.get(), jwt));
    }

    /**
     * Whether {@code token}'s signature is good under the key its {@code kid} names in auth-service's
     * JWKS (fetched first when unknown, within the refresh limits); remembered per exact token.
     */
    public Mono<Boolean> verify(AccessTokenReader.Parsed token) {
        return cache.key(token.kid()).map(key -> key.isPresent() && verified.verify(token.token(),
                token.expiresAtMillis(), key.get(), () -> verifiers.verify(key.get(), token.signingInput(), token.signature())));
    }

    /** ES256 with a {@code kid} and {@code typ: at+jwt}, as auth-service signs every access token. */
    public static boolean acceptableHeader(JWSHeader header) {
        return JWSAlgorithm.ES256.equals(header.getAlgorithm()) && header.getKeyID() != null
                && ACCESS_TOKEN_TYPE.equals(header.getType());
    }

    private boolean verifyCached(JWK key, SignedJWT jwt) {
        return verified.verify(jwt, key, (token, k) -> verifiers.verify(k, token));
    }

    /** One ES256 verification of {@code jwt} with {@code key} on {@code provider}; no caching. */
    public static boolean verifyWith(JWK key, SignedJWT jwt, Provider provider) {
        return new EcVerifiers(provider).verify(key, jwt);
    }

    /** The provider verifications run on. */
    public Provider provider() {
        return provider;
    }

    /** How many verified signatures are remembered. */
    public int rememberedSignatures() {
        return verified.size();
    }

    static JWKSet parse(String body) {
        JWKSet set;
        try {
            set = JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("auth-service returned an unreadable JWKS", e);
        }
        var kids = new HashSet<String>();
        for (JWK key : set.getKeys()) {
            if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                // Which of two keys with one kid verifies would depend on their order: refuse the set.
                throw new IllegalStateException("auth-service returned a JWKS with the kid '" + key.getKeyID()
                        + "' twice; keeping the previous keys");
            }
        }
        return set;
    }
}
