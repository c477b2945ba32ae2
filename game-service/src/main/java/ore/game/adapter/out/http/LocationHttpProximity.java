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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ore.game.app.port.PlayerProximity;
import ore.game.domain.GameErrors;
import ore.game.domain.mining.PositionCheck;
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

    public static final String ZONES_PATH = "/internal/location/zones/contains";

    /**
     * The contract's answer: {@code playerId}, {@code known} and {@code targetInNoPlayZone} always;
     * when known, also the distance, age, verdict, accuracy and the player's own zone flag.
     */
    @Serdeable
    record ProximityResponse(String playerId, Boolean known, @Nullable Double distanceM,
                             @Nullable Boolean withinDistance, @Nullable Long fixAgeMs,
                             @Nullable Boolean inNoPlayZone, @Nullable String verdict, @Nullable Double accuracyM,
                             @Nullable Boolean targetInNoPlayZone) {
    }

    @Serdeable
    record Point(double lat, double lon) {
    }

    @Serdeable
    record ZoneCheck(List<Point> points) {
    }

    @Serdeable
    record ZoneCheckResponse(@Nullable List<Boolean> inNoPlayZone) {
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
        return locate(playerId, point, maxDistanceM).proximity();
    }

    @Override
    public PositionCheck locate(UUID playerId, GeoPoint point, double maxDistanceM) {
        return guarded(() -> validate(tokens.token(AUDIENCE)
                .flatMap(token -> Mono.from(http.retrieve(request(playerId, point, maxDistanceM, token),
                        ProximityResponse.class)).timeout(timeout))
                .block(), playerId));
    }

    @Override
    public List<Boolean> inNoPlayZones(List<GeoPoint> points) {
        if (points.isEmpty()) {
            return List.of();
        }
        var body = new ZoneCheck(points.stream().map(p -> new Point(p.lat(), p.lon())).toList());
        return guarded(() -> {
            ZoneCheckResponse response = tokens.token(AUDIENCE)
                    .flatMap(token -> Mono.from(http.retrieve(HttpRequest.POST(ZONES_PATH, body).bearerAuth(token)
                            .accept("application/json"), ZoneCheckResponse.class)).timeout(timeout))
                    .block();
            if (response == null || response.inNoPlayZone() == null
                    || response.inNoPlayZone().size() != points.size()
                    || response.inNoPlayZone().stream().anyMatch(java.util.Objects::isNull)) {
                throw new ContractViolation("zone check without one answer per point");
            }
            return response.inNoPlayZone();
        });
    }

    /** One call under the breaker and the deadline; any failure is {@code game.location_unavailable}. */
    private <T> T guarded(java.util.function.Supplier<T> call) {
        if (!breaker.tryAcquirePermission()) {
            throw GameErrors.locationUnavailable(openRetryAfter);
        }
        long start = System.nanoTime();
        try {
            T result = call.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
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

    /**
     * Every field the contract promises must be there: an absent {@code targetInNoPlayZone} or
     * {@code inNoPlayZone} is not "outside a zone", and an absent verdict is not "trusted".
     */
    static PositionCheck validate(ProximityResponse r, UUID playerId) {
        if (r == null || r.known() == null || !playerId.toString().equals(r.playerId())) {
            throw new ContractViolation("answer without 'known' or for another player");
        }
        if (r.targetInNoPlayZone() == null) {
            throw new ContractViolation("answer without targetInNoPlayZone");
        }
        if (!r.known()) {
            return PositionCheck.unknown(r.targetInNoPlayZone());
        }
        if (r.distanceM() == null || !Double.isFinite(r.distanceM()) || r.distanceM() < 0
                || r.withinDistance() == null || r.fixAgeMs() == null || r.inNoPlayZone() == null) {
            throw new ContractViolation("known position without distanceM, withinDistance, fixAgeMs or inNoPlayZone");
        }
        if (r.accuracyM() == null || !(r.accuracyM() > 0) || r.verdict() == null) {
            throw new ContractViolation("known position without verdict or accuracyM");
        }
        PositionCheck.Verdict verdict;
        try {
            verdict = PositionCheck.Verdict.valueOf(r.verdict());
        } catch (IllegalArgumentException e) {
            throw new ContractViolation("unknown verdict");
        }
        return new PositionCheck(new Proximity(true, r.distanceM(), r.withinDistance(), r.fixAgeMs(), r.inNoPlayZone()),
                verdict, r.accuracyM(), r.targetInNoPlayZone());
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
