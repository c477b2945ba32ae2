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
 *   <li>Keys are served from memory. Once they are older than {@code ttl}, a lookup of a known key
 *       still answers at once with the cached key and starts a refresh in the background: no
 *       request ever waits for a refresh of keys it already has, even while auth-service is down.</li>
 *   <li>A token signed with a {@code kid} the cache does not know waits for a refresh, so a key that
 *       auth-service starts using after a rotation is picked up at once.</li>
 *   <li>Whatever starts it (the TTL, an unknown {@code kid}, a retry after a failure), at most one
 *       fetch starts per {@code minRefreshInterval}: random {@code kid}s cannot make us hammer
 *       auth-service, and while it is down requests do not queue behind one fetch after another.
 *       Within the interval an unknown {@code kid} is answered "unknown" at once, unless a fetch is
 *       already in flight, which it joins.</li>
 *   <li>Concurrent lookups share one fetch in flight.</li>
 *   <li>If a refresh fails the previous keys stay in use (auth-service may be restarting), and the
 *       failure is logged; with no keys at all every token is rejected, and a fetch is retried at most
 *       once a second until the first one succeeds.</li>
 * </ul>
 */
public final class JwksCache {

    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    private static final Duration EMPTY_RETRY = Duration.ofSeconds(1);

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

    /** The key with this id: from memory when known (refreshing stale keys in the background), else after a fetch. */
    public Mono<Optional<JWK>> key(String kid) {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        Optional<JWK> known = lookup(current, kid);
        // While no key was ever fetched (auth-service slow at our start-up) every token is refused, so
        // retry sooner: at most once a second, still one fetch at a time.
        Duration interval = current == null && minRefreshInterval.compareTo(EMPTY_RETRY) > 0 ? EMPTY_RETRY : minRefreshInterval;
        boolean mayFetch = !lastAttempt.plus(interval).isAfter(now);
        if (known.isPresent()) {
            boolean stale = current.fetchedAt().plus(ttl).isBefore(now);
            if (stale && mayFetch) {
                refresh().subscribe(s -> { }, e -> { });
            }
            return Mono.just(known);
        }
        Mono<Snapshot> fetch = mayFetch ? refresh() : inFlight;
        if (fetch == null) {
            return Mono.just(known);
        }
        return fetch.map(s -> lookup(s, kid)).onErrorResume(e -> Mono.just(known));
    }

    /** The key with this id as cached right now, without fetching; empty when unknown. */
    public Optional<JWK> cached(String kid) {
        return lookup(snapshot, kid);
    }

    private static Optional<JWK> lookup(Snapshot s, String kid) {
        return s == null ? Optional.empty() : Optional.ofNullable(s.keys().getKeyByKeyId(kid));
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
