package ore.core.http;

import io.micronaut.http.HttpRequest;
import java.util.List;

/**
 * The client's IP address as seen through {@code trustedProxies} reverse proxies. Each proxy
 * appends the address it received the request from to {@code X-Forwarded-For}, so the entry
 * {@code trustedProxies} places from the right is the last one a trusted hop wrote; anything to its
 * left came from the client and is not believed.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request, int trustedProxies) {
        if (trustedProxies > 0) {
            List<String> hops = request.getHeaders().getAll("X-Forwarded-For").stream()
                    .flatMap(h -> java.util.Arrays.stream(h.split(",")))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            if (hops.size() >= trustedProxies) {
                return hops.get(hops.size() - trustedProxies);
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
