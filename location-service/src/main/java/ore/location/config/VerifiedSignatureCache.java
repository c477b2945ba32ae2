package ore.location.config;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import ore.security.RemoteJwksSignature;
import ore.security.SecuritySettings;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Remembers which access tokens' ES256 signatures already verified, so a player's phone sending an
 * update every second does not cost a P-256 verification every second (it was half the CPU of an
 * update under load). Only the signature check is skipped: issuer, audience, expiry and the other
 * claims are still checked on every request by the claims validators.
 *
 * <p>Safety: the key is the SHA-256 of the whole token, so a cached entry matches only the exact
 * bytes that were verified; only successes are cached; an entry lives at most {@code ttl} (the JWKS
 * cache's own lifetime, so a key withdrawn from auth-service's JWKS stops being honoured no later than
 * it would without this cache); the map is bounded ({@code max-entries}, cleared when full).
 * {@code ore.location.security.verified-token-cache-size=0} turns it off. A candidate for ore-security.
 */
@Context
@Replaces(RemoteJwksSignature.class)
@Requires(property = SecuritySettings.PREFIX + ".jwks-url")
public class VerifiedSignatureCache implements ReactiveSignatureConfiguration<SignedJWT> {

    private final RemoteJwksSignature delegate;
    private final ConcurrentHashMap<String, Long> verified = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;

    public VerifiedSignatureCache(@Client HttpClient http, SecuritySettings settings, Clock clock,
                                  @Value("${ore.location.security.verified-token-cache-size:100000}") int maxEntries) {
        this.delegate = new RemoteJwksSignature(http, settings, clock);
        this.maxEntries = maxEntries;
        this.ttlMillis = Duration.ofMinutes(10).compareTo(settings.jwksCacheTtl()) < 0
                ? Duration.ofMinutes(10).toMillis() : settings.jwksCacheTtl().toMillis();
        this.clock = clock;
    }

    @Override
    public Publisher<Boolean> verify(SignedJWT jwt) {
        if (maxEntries <= 0 || jwt.getParsedString() == null) {
            return delegate.verify(jwt);
        }
        String key = digest(jwt.getParsedString());
        long now = clock.millis();
        Long until = verified.get(key);
        if (until != null && until > now) {
            return Mono.just(true);
        }
        return Mono.from(delegate.verify(jwt)).doOnNext(ok -> {
            if (ok) {
                if (verified.size() >= maxEntries) {
                    verified.clear();
                }
                verified.put(key, now + ttlMillis);
            }
        });
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
