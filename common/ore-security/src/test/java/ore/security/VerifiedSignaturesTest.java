package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VerifiedSignaturesTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final ECKey key = JwtForge.newKey("k1");
    private final JWK publicKey = key.toPublicJWK();
    private final JwtForge forge = new JwtForge(key, "https://auth.ore.local", "ore-api");
    private final AtomicInteger checks = new AtomicInteger();

    private final VerifiedSignatures.Check realCheck = (jwt, k) -> {
        checks.incrementAndGet();
        return RemoteJwksSignature.verifyWith(k, jwt, CryptoProviders.jdk());
    };

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() {
        var cache = new VerifiedSignatures(100, Duration.ofMinutes(10), clock);
        String token = forge.valid("p");
        assertThat(cache.verify(parse(token), publicKey, realCheck)).isTrue();
        assertThat(cache.verify(parse(token), publicKey, realCheck)).isTrue();
        assertThat(checks).hasValue(1);
    }

    @Test
    void failuresAreNeverRemembered() {
        var cache = new VerifiedSignatures(100, Duration.ofMinutes(10), clock);
        String forged = JwtForge.sign(forge.claims("p").build(), JwtForge.newKey("k1"));
        assertThat(cache.verify(parse(forged), publicKey, realCheck)).isFalse();
        assertThat(cache.verify(parse(forged), publicKey, realCheck)).isFalse();
        assertThat(checks).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void anEntryDiesWithItsKey() {
        var cache = new VerifiedSignatures(100, Duration.ofMinutes(10), clock);
        String token = forge.valid("p");
        cache.verify(parse(token), publicKey, realCheck);
        // After a JWKS refresh the kid maps to another key object: the memory no longer counts.
        JWK replaced = JwtForge.newKey("k1").toPublicJWK();
        assertThat(cache.verify(parse(token), replaced, realCheck)).isFalse();
        assertThat(checks).hasValue(2);
    }

    @Test
    void anEntryNeverOutlivesTheTokenNorTheTtl() {
        var cache = new VerifiedSignatures(100, Duration.ofMinutes(10), clock);
        String shortLived = forge.with("p", c -> c.expirationTime(Date.from(now.get().plusSeconds(60))));
        cache.verify(parse(shortLived), publicKey, realCheck);
        now.set(now.get().plusSeconds(61));
        cache.verify(parse(shortLived), publicKey, realCheck);
        assertThat(checks).hasValue(2);

        String longLived = forge.with("p", c -> c.expirationTime(Date.from(now.get().plus(Duration.ofHours(2)))));
        cache.verify(parse(longLived), publicKey, realCheck);
        now.set(now.get().plus(Duration.ofMinutes(11)));
        cache.verify(parse(longLived), publicKey, realCheck);
        assertThat(checks).hasValue(4);
    }

    @Test
    void staysWithinItsBound() {
        var cache = new VerifiedSignatures(10, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 35; i++) {
            assertThat(cache.verify(parse(forge.valid("p-" + i)), publicKey, realCheck)).isTrue();
            assertThat(cache.size()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void sizeZeroTurnsItOff() {
        var cache = new VerifiedSignatures(0, Duration.ofMinutes(10), clock);
        String token = forge.valid("p");
        cache.verify(parse(token), publicKey, realCheck);
        cache.verify(parse(token), publicKey, realCheck);
        assertThat(checks).hasValue(2);
    }
}
