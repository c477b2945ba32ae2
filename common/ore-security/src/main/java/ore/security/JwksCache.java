package ore.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The verifying keys of auth-service, fetched from its JWKS and cached.
 *
 * <ul>
 *   <li>Keys are served from memory; after {@code ttl} the next lookup refreshes them.</li>
 *   <li>A token signed with a {@code kid} the cache does not know triggers a refresh, so a key that
 *       auth-service starts using after a rotation is picked up at once, but at most once per
 *       {@code minRefreshInterval}: random {@code kid}s cannot make us hammer auth-service.</li>
 *   <li>Concurrent lookups share one fetch in flight.</li>
 *   <li>If a refresh fails the previous keys stay in use (auth-service may be restarting), and the
 *       failure is logged; with no keys at all every token is rejected.</li>
 * </ul>
 */
public final class JwksCache {

    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
    }

    private final Supplier<Mono<JWKSet>> fetcher;
    private final Clock clock;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private volatile Snapshot snapshot;
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile Mono<Snapshot> inFlight;

    public JwksCache(Supplier<Mono<JWKSet>> fetcher, Clock clock, Duration ttl, Duration minRefreshInterval) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.ttl = ttl;
        this.minRefreshInterval = minRefreshInterval;
    }

    /** The key with this id, refreshing the set first when it is stale or lacks the id. */
    public Mono<Optional<JWK>> key(String kid) {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        boolean stale = current == null || current.fetchedAt().plus(ttl).isBefore(now);
        Optional<JWK> known = current == null ? Optional.empty() : Optional.ofNullable(current.keys().getKeyByKeyId(kid));
        if (!stale && known.isPresent()) {
            return Mono.just(known);
        }
        boolean mayRefresh = stale || lastAttempt.plus(minRefreshInterval).isBefore(now);
        if (!mayRefresh) {
            return Mono.just(known);
        }
        return refresh().map(s -> Optional.ofNullable(s.keys().getKeyByKeyId(kid)))
                .onErrorResume(e -> Mono.just(known));
    }

    /** Fetches now (used at start-up, so the first request does not wait for the fetch). */
    public Mono<Void> warmUp() {
        return refresh().then().onErrorResume(e -> Mono.empty());
    }

    private synchronized Mono<Snapshot> refresh() {
        Mono<Snapshot> pending = inFlight;
        if (pending != null) {
            return pending;
        }
        lastAttempt = clock.instant();
        // The fetch is forgotten as soon as it has a result and before that result reaches any
        // subscriber, so a lookup that runs right after a rotation never joins a finished fetch.
        var self = new java.util.concurrent.atomic.AtomicReference<Mono<Snapshot>>();
        Mono<Snapshot> fetch = Mono.defer(fetcher)
                .map(keys -> new Snapshot(keys, clock.instant()))
                .doOnNext(s -> {
                    snapshot = s;
                    forget(self.get());
                    LOG.info("JWKS refreshed: {} key(s) {}", s.keys().size(),
                            s.keys().getKeys().stream().map(JWK::getKeyID).toList());
                })
                .doOnError(e -> {
                    forget(self.get());
                    LOG.warn("JWKS refresh failed, keeping {} cached key(s): {}",
                            snapshot == null ? 0 : snapshot.keys().size(), e.toString());
                })
                .cache();
        self.set(fetch);
        inFlight = fetch;
        return fetch;
    }

    private synchronized void forget(Mono<Snapshot> fetch) {
        if (inFlight == fetch) {
            inFlight = null;
        }
    }
}
