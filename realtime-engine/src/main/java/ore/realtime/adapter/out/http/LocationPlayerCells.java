package ore.realtime.adapter.out.http;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import ore.realtime.app.port.PlayerCells;
import ore.security.ServiceTokens;
import reactor.core.publisher.Mono;

/**
 * {@link PlayerCells} from location-service's {@code GET /internal/location/players/{id}/cell}, with a
 * service token for audience {@code location}. Answers are cached for {@code cacheTtl} (a player
 * subscribing to the cells around them asks several times in a row); failures are not cached. Each
 * call has a timeout, and a circuit breaker stops calling a location-service that keeps failing.
 */
public final class LocationPlayerCells implements PlayerCells {

    @Serdeable
    record PlayerCell(UUID playerId, boolean known, @Nullable String cell) {
    }

    private final HttpClient http;
    private final ServiceTokens tokens;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final AsyncLoadingCache<UUID, Optional<String>> cache;

    public LocationPlayerCells(HttpClient http, ServiceTokens tokens, Duration timeout, Duration cacheTtl,
                               CircuitBreaker breaker) {
        this.http = http;
        this.tokens = tokens;
        this.timeout = timeout;
        this.breaker = breaker;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl)
                .buildAsync((player, executor) -> fetch(player));
    }

    @Override
    public CompletionStage<Optional<String>> lastTrustedCell(UUID playerId) {
        return cache.get(playerId);
    }

    private CompletableFuture<Optional<String>> fetch(UUID player) {
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(new IllegalStateException("location-service circuit breaker open"));
        }
        long start = System.nanoTime();
        return tokens.token("location")
                .flatMap(token -> Mono.from(http.retrieve(HttpRequest.GET("/internal/location/players/" + player + "/cell")
                        .bearerAuth(token), PlayerCell.class)))
                .timeout(timeout)
                .map(answer -> answer.known() ? Optional.ofNullable(answer.cell()) : Optional.<String>empty())
                .toFuture()
                .whenComplete((v, e) -> {
                    long took = System.nanoTime() - start;
                    if (e == null) {
                        breaker.onSuccess(took, java.util.concurrent.TimeUnit.NANOSECONDS);
                    } else {
                        breaker.onError(took, java.util.concurrent.TimeUnit.NANOSECONDS, e);
                    }
                });
    }
}
