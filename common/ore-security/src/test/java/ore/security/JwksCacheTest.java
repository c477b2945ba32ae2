package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** When set, a fetch never answers: auth-service accepts the connection and then hangs. */
    private final AtomicBoolean hanging = new AtomicBoolean();

    private final JwksCache cache = new JwksCache(() -> Mono.defer(() -> {
        fetches.incrementAndGet();
        if (hanging.get()) {
            return Mono.never();
        }
        if (failure.get() != null) {
            return Mono.error(failure.get());
        }
        return Mono.just(published.get());
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

    @Test
    void staleKeysAreServedAtOnceWhileTheRefreshRunsInTheBackground() {
        cache.key("k1").block();
        now.set(now.get().plus(Duration.ofMinutes(11)));
        hanging.set(true);
        // The refresh hangs (auth-service overloaded); the known key must still come back at once.
        assertThat(cache.key("k1").block(Duration.ofSeconds(1))).isPresent();
        assertThat(cache.key("k1").block(Duration.ofSeconds(1))).isPresent();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void afterAFailedRefreshTheNextFetchWaitsForTheMinimumInterval() {
        cache.key("k1").block();
        now.set(now.get().plus(Duration.ofMinutes(11)));
        failure.set(new IllegalStateException("auth-service down"));
        for (int i = 0; i < 50; i++) {
            assertThat(cache.key("k1").block()).isPresent();
            assertThat(cache.key("unknown-" + i).block()).isEmpty();
            now.set(now.get().plusMillis(100));
        }
        // One fetch at start-up, one when the TTL ran out; 5 s later the interval has not passed yet.
        assertThat(fetches).hasValue(2);
        now.set(now.get().plusSeconds(26));
        cache.key("k1").block();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void whileNoKeyWasEverFetchedAFailedFetchIsRetriedAfterASecondNotTheInterval() {
        failure.set(new IllegalStateException("auth-service still starting"));
        assertThat(cache.key("k1").block()).isEmpty();
        assertThat(cache.key("k1").block()).as("within the second: no new fetch").isEmpty();
        assertThat(fetches).hasValue(1);
        failure.set(null);
        now.set(now.get().plusMillis(1_100));
        assertThat(cache.key("k1").block()).isPresent();
        assertThat(fetches).hasValue(2);
    }
}
