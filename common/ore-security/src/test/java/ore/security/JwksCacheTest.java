package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class JwksCacheTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(JwtForge.newKey("k1").toPublicJWK()));
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private final JwksCache cache = new JwksCache(() -> Mono.fromSupplier(() -> {
        fetches.incrementAndGet();
        if (failure.get() != null) {
            throw failure.get();
        }
        return published.get();
    }), clock, Duration.ofMinutes(10), Duration.ofSeconds(30));

    @Test
    void servesKnownKeysFromMemory() {
        assertThat(cache.key("k1").block()).isPresent();
        assertThat(cache.key("k1").block()).isPresent();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void unknownKidRefreshesOnceSoARotatedKeyIsPickedUp() {
        cache.key("k1").block();
        now.set(now.get().plusSeconds(31));
        published.set(new JWKSet(List.of(JwtForge.newKey("k1").toPublicJWK(), JwtForge.newKey("k2").toPublicJWK())));
        assertThat(cache.key("k2").block()).isPresent();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKidsCannotForceMoreThanOneFetchPerInterval() {
        cache.key("k1").block();
        now.set(now.get().plusSeconds(31));
        for (int i = 0; i < 100; i++) {
            assertThat(cache.key("forged-" + i).block()).isEmpty();
        }
        assertThat(fetches).hasValue(2);
    }

    @Test
    void staleKeysAreRefreshedAfterTheTtl() {
        cache.key("k1").block();
        now.set(now.get().plus(Duration.ofMinutes(11)));
        cache.key("k1").block();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void keepsTheLastKeysWhenARefreshFails() {
        cache.key("k1").block();
        now.set(now.get().plus(Duration.ofMinutes(11)));
        failure.set(new IllegalStateException("auth-service down"));
        assertThat(cache.key("k1").block()).isPresent();
    }

    @Test
    void aLookupRightAfterARefreshDoesNotJoinTheFinishedFetch() {
        cache.key("k1").block();
        now.set(now.get().plusSeconds(31));
        var seenInside = new AtomicReference<Boolean>();
        // While the refresh for "unknown" hands its result out, a key rotation lands and a token
        // with the new kid arrives: it must trigger a fetch of its own, not reuse the old keys.
        cache.key("unknown").doOnNext(ignored -> {
            published.set(new JWKSet(List.of(JwtForge.newKey("k1").toPublicJWK(), JwtForge.newKey("k3").toPublicJWK())));
            now.set(now.get().plusSeconds(31));
            seenInside.set(cache.key("k3").block().isPresent());
        }).block();
        assertThat(seenInside.get()).isTrue();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void withNoKeysAtAllEveryKidIsUnknown() {
        failure.set(new IllegalStateException("auth-service down"));
        assertThat(cache.key("k1").block()).isEmpty();
    }
}
