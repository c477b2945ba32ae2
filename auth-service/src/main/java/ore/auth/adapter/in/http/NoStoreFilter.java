package ore.auth.adapter.in.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code Cache-Control: no-store} on every auth-service answer that does not set its own caching (only
 * the public JWKS does): tokens, profiles and exports must never sit in a shared or browser cache
 * (RFC 6749 §5.1).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class NoStoreFilter {

    @ResponseFilter
    void noStore(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains("Cache-Control")) {
            response.getHeaders().add("Cache-Control", "no-store");
        }
    }
}
