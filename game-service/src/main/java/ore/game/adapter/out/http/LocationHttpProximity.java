package ore.game.adapter.out.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ore.game.app.port.PlayerProximity;
import ore.game.domain.GameErrors;
import ore.game.domain.mining.Proximity;
import ore.game.domain.node.GeoPoint;
import ore.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@link PlayerProximity} over location-service's internal API:
 * {@code GET /internal/location/proximity?playerId&lat&lon&maxDistanceM} with a service token
 * (audience {@code location}, from auth-service's client-credentials endpoint).
 *
 * <p>Fails closed. Each call has a deadline ({@code timeout}, 500 ms by default); a refused
 * connection, a timeout, a non-2xx answer or a body that does not fit the contract is a failure,
 * answered with {@code game.location_unavailable} (503 + Retry-After). A circuit breaker counts the
 * failures; once open it answers 503 at once, without calling, for its open period, so a dead or
 * drowning location-service costs the players a fast refusal rather than a hanging request, and
 * gets room to recover.
 */
public class LocationHttpProximity implements PlayerProximity {

    private static final Logger LOG = LoggerFactory.getLogger(LocationHttpProximity.class);
    public static final String AUDIENCE = "location";
    public static final String PATH = "/internal/location/proximity";
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    /** The contract's answer; every field but {@code playerId} and {@code known} is absent when known is false. */
    @Serdeable
    record ProximityResponse(String playerId, Boolean known, @Nullable Double distanceM,
                             @Nullable Boolean withinDistance, @Nullable Long fixAgeMs,
                             @Nullable Boolean inNoPlayZone) {
    }

    private final HttpClient http;
    private final ServiceTokens tokens;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final Duration openRetryAfter;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /**
     * @param http           a client for location-service's base URL
     * @param openRetryAfter what Retry-After says while the breaker is open (its open period)
     */
    public LocationHttpProximity(HttpClient http, ServiceTokens tokens, Duration timeout,
                                 CircuitBreaker breaker, Duration openRetryAfter) {
        this.http = http;
        this.tokens = tokens;
        this.timeout = timeout;
        this.breaker = breaker;
        this.openRetryAfter = openRetryAfter;
    }

    @Override
    public Proximity check(UUID playerId, GeoPoint point, double maxDistanceM) {
        if (!breaker.tryAcquirePermission()) {
            throw GameErrors.locationUnavailable(openRetryAfter);
        }
        long start = System.nanoTime();
        try {
            ProximityResponse response = tokens.token(AUDIENCE)
                    .flatMap(token -> Mono.from(http.retrieve(request(playerId, point, maxDistanceM, token),
                            ProximityResponse.class)).timeout(timeout))
                    .block();
            Proximity proximity = validate(response, playerId);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return proximity;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            warn(e);
            throw GameErrors.locationUnavailable(RETRY_AFTER_FAILURE);
        }
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private HttpRequest<?> request(UUID playerId, GeoPoint point, double maxDistanceM, String token) {
        URI uri = UriBuilder.of(PATH)
                .queryParam("playerId", playerId.toString())
                .queryParam("lat", plain(point.lat()))
                .queryParam("lon", plain(point.lon()))
                .queryParam("maxDistanceM", plain(maxDistanceM))
                .build();
        return HttpRequest.GET(uri).bearerAuth(token).accept("application/json");
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).toPlainString();
    }

    static Proximity validate(ProximityResponse r, UUID playerId) {
        if (r == null || r.known() == null || !playerId.toString().equals(r.playerId())) {
            throw new ContractViolation("answer without 'known' or for another player");
        }
        if (!r.known()) {
            return Proximity.unknown();
        }
        if (r.distanceM() == null || !Double.isFinite(r.distanceM()) || r.distanceM() < 0
                || r.withinDistance() == null || r.fixAgeMs() == null) {
            throw new ContractViolation("known position without distanceM, withinDistance or fixAgeMs");
        }
        return new Proximity(true, r.distanceM(), r.withinDistance(), r.fixAgeMs(),
                Boolean.TRUE.equals(r.inNoPlayZone()));
    }

    private void warn(RuntimeException e) {
        long now = System.nanoTime();
        long previous = lastWarning.get();
        if (now - previous >= LOG_EVERY_NANOS && lastWarning.compareAndSet(previous, now)) {
            String what = e instanceof HttpClientResponseException h ? "HTTP " + h.getStatus().getCode() : e.toString();
            LOG.warn("location-service proximity check failed ({}); breaker {}; mining answers 503 (further failures "
                    + "for 10 s are not logged)", what, breaker.getState());
        }
    }

    /** location-service answered 2xx with something that is not the contract's body. */
    static final class ContractViolation extends RuntimeException {
        ContractViolation(String message) {
            super(message, null, false, false);
        }
    }
}
