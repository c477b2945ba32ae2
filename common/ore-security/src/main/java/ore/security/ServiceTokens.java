package ore.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Service tokens (OAuth 2.0 client credentials at auth-service's {@code /internal/auth/token}), one
 * per callee audience, cached until shortly before they expire. Concurrent callers share one
 * request in flight. Errors surface to the caller, which decides whether to fail closed.
 */
@Singleton
@Requires(property = SecuritySettings.PREFIX + ".client.token-url")
public class ServiceTokens {

    @Serdeable
    record TokenResponse(String access_token, String token_type, long expires_in, @Nullable String scope) {
    }

    private record Cached(String token, Instant renewAt) {
    }

    private final HttpClient http;
    private final ServiceClientSettings settings;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Mono<String>> inFlight = new ConcurrentHashMap<>();

    public ServiceTokens(@Client HttpClient http, ServiceClientSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** A valid token whose audience is {@code audience} (the callee's service name). */
    public Mono<String> token(String audience) {
        Cached cached = cache.get(audience);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return Mono.just(cached.token());
        }
        return inFlight.computeIfAbsent(audience, a -> fetch(a)
                .doFinally(s -> inFlight.remove(a))
                .cache());
    }

    private Mono<String> fetch(String audience) {
        var form = Map.of("grant_type", "client_credentials", "audience", audience);
        HttpRequest<?> request = HttpRequest.POST(settings.tokenUrl(), form)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .basicAuth(settings.clientId(), settings.clientSecret());
        Instant requestedAt = clock.instant();
        return Mono.from(http.retrieve(request, TokenResponse.class))
                .timeout(settings.timeout())
                .map(r -> {
                    Instant renewAt = requestedAt.plusSeconds(r.expires_in()).minus(settings.renewBefore());
                    cache.put(audience, new Cached(r.access_token(), renewAt));
                    return r.access_token();
                });
    }
}
