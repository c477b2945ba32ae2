package ore.game.support;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.game.app.GameEvents;
import ore.testkit.Need;
import ore.testkit.OreInfra;

/**
 * What every API test of game-service needs: a fresh PostgreSQL database and Redis DB, the Kafka
 * broker with the service's topics (ore-testkit), the {@link PeerStub} standing in for auth and
 * location, generous rate limits, and a small client returning status, headers and JSON.
 */
public final class GameApi {

    public static final double LAT = 37.5665;
    public static final double LON = 126.9780;

    private GameApi() {
    }

    public static Map<String, String> properties(PeerStub peers, Map<String, String> overrides) {
        for (String topic : List.of(GameEvents.GAME_TOPIC, GameEvents.REWARDS_REQUESTED_TOPIC,
                GameEvents.REWARDS_SETTLED_TOPIC, GameEvents.USER_LIFECYCLE_TOPIC, GameEvents.LOCATION_CHEAT_TOPIC)) {
            OreInfra.createTopic(topic, 3);
        }
        var props = new HashMap<>(OreInfra.micronautProperties(Need.POSTGRES, Need.REDIS, Need.KAFKA));
        props.putAll(peers.properties());
        props.put("ore.game.nodes.allow-dev-secret", "true");
        props.put("ore.rate-limit.per-ip-per-minute", "60000");
        props.put("ore.rate-limit.per-user-per-minute", "60000");
        props.put("ore.rate-limit.routes.mine.limit", "60000");
        props.put("ore.rate-limit.routes.claim.limit", "60000");
        props.put("ore.outbox.poll-interval", "50ms");
        // Load shedding has its own test (LoadSheddingApiTest); concurrency tests must not be shed.
        props.put("ore.game.load.max-in-flight", "10000");
        props.put("micronaut.lifecycle.graceful-shutdown.grace-period", "1s");
        props.put("ore.game.kafka.group-id", "game-test-" + UUID.randomUUID());
        props.putAll(overrides);
        return props;
    }

    /** A response of any status, body parsed as JSON when it is an object. */
    public record Response(int status, Map<String, Object> json, HttpHeaders headers, String raw) {

        public String contentType() {
            return headers.get("Content-Type");
        }

        public String str(String field) {
            Object v = json.get(field);
            return v == null ? null : v.toString();
        }

        public long num(String field) {
            return ((Number) json.get(field)).longValue();
        }

        public String code() {
            return str("code");
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) json.get(field);
        }
    }

    public static Response call(HttpClient http, JsonMapper json, MutableHttpRequest<?> request) {
        try {
            var response = http.toBlocking().exchange(request, String.class);
            String body = response.getBody(String.class).orElse("");
            return new Response(response.code(), parse(json, body), response.getHeaders(), body);
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("");
            return new Response(e.getStatus().getCode(), parse(json, body), e.getResponse().getHeaders(), body);
        }
    }

    public static MutableHttpRequest<?> mine(String token, String nodeId, String key) {
        var request = HttpRequest.POST("/api/game/mine", Map.of("nodeId", nodeId)).bearerAuth(token);
        return key == null ? request : request.header("Idempotency-Key", key);
    }

    public static MutableHttpRequest<?> getAs(String path, String token) {
        return HttpRequest.GET(path).bearerAuth(token);
    }

    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(JsonMapper json, String body) {
        if (body == null || body.isBlank() || !body.startsWith("{")) {
            return Map.of();
        }
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
