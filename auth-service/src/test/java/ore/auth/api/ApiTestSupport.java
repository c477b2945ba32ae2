package ore.auth.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import ore.testkit.Need;
import ore.testkit.OreInfra;

/**
 * What every API test of auth-service needs: a fresh PostgreSQL database, Redis DB and the Kafka
 * broker (via ore-testkit), ephemeral signing keys, generous rate limits (one test class checks the
 * limits), and a small client that returns status, headers and JSON for any response.
 */
final class ApiTestSupport {

    private ApiTestSupport() {
    }

    static Map<String, String> properties(Map<String, String> overrides) {
        var props = new HashMap<>(OreInfra.micronautProperties(Need.POSTGRES, Need.REDIS, Need.KAFKA));
        props.put("ore.auth.signing.allow-ephemeral-keys", "true");
        props.put("ore.auth.siwe.domain", "play.ore.test");
        props.put("ore.auth.siwe.uri", "https://play.ore.test");
        props.put("ore.auth.siwe.chain-ids", "137,80002");
        props.put("ore.rate-limit.per-ip-per-minute", "10000");
        props.put("ore.rate-limit.per-user-per-minute", "10000");
        for (String route : new String[] {"login", "register", "guest", "refresh", "siwe", "upgrade"}) {
            props.put("ore.rate-limit.routes." + route + ".limit", "10000");
        }
        props.put("ore.outbox.poll-interval", "50ms");
        props.putAll(overrides);
        return props;
    }

    /** A response of any status, body parsed as JSON when there is one. */
    record Response(int status, Map<String, Object> json, io.micronaut.http.HttpHeaders headers, String raw) {

        String contentType() {
            return headers.get("Content-Type");
        }

        String str(String field) {
            return (String) json.get(field);
        }
    }

    static Response call(HttpClient http, JsonMapper json, MutableHttpRequest<?> request) {
        try {
            var response = http.toBlocking().exchange(request, String.class);
            String body = response.getBody(String.class).orElse("");
            return new Response(response.code(), parse(json, body), response.getHeaders(), body);
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("");
            return new Response(e.getStatus().getCode(), parse(json, body), e.getResponse().getHeaders(), body);
        }
    }

    static MutableHttpRequest<?> post(String path, Object body) {
        return HttpRequest.POST(path, body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(JsonMapper json, String body) {
        if (body == null || body.isBlank() || !(body.startsWith("{"))) {
            return Map.of();
        }
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
