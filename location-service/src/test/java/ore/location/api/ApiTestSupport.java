package ore.location.api;

import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import ore.location.app.SuspectedCheat;
import ore.location.app.UserDeleted;
import ore.location.app.port.TrackingLog;
import ore.security.JwtForge;
import ore.testkit.Need;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What every API test of location-service needs: a fresh PostgreSQL database, Redis DB and the Kafka
 * broker (ore-testkit), tokens signed by a key whose JWKS the service fetches from a test endpoint of
 * its own (standing in for auth-service, as in ore-security's ForeignServiceTokenTest), generous rate
 * limits, and helpers for requests, fixes and topics.
 */
final class ApiTestSupport {

    static final ECKey KEY = JwtForge.newKey("loc-test-key");
    static final String ISSUER = "https://auth.ore.local";
    static final JwtForge PLAYERS = new JwtForge(KEY, ISSUER, "ore-api");
    private static final Random RANDOM = new Random();

    private ApiTestSupport() {
    }

    static Map<String, String> properties(Map<String, String> overrides) {
        for (String topic : List.of(TrackingLog.TOPIC, SuspectedCheat.TOPIC, UserDeleted.TOPIC)) {
            OreInfra.createTopic(topic, 3);
        }
        var props = new HashMap<>(OreInfra.micronautProperties(Need.POSTGRES, Need.REDIS, Need.KAFKA));
        int port = freePort();
        props.put("micronaut.server.port", Integer.toString(port));
        props.put("test.jwks", "on");
        props.put("ore.security.jwks-url", "http://127.0.0.1:" + port + "/test-jwks");
        props.put("ore.security.jwks-min-refresh-interval", "0s");
        props.put("ore.rate-limit.per-ip-per-minute", "60000");
        props.put("ore.rate-limit.per-user-per-minute", "60000");
        props.put("ore.rate-limit.routes.nearby.limit", "60000");
        props.put("ore.outbox.poll-interval", "50ms");
        // The test client's keep-alive connection would hold every context's shutdown for the 20 s grace period.
        props.put("micronaut.lifecycle.graceful-shutdown.enabled", "false");
        props.putAll(overrides);
        return props;
    }

    static String playerToken(UUID player) {
        return PLAYERS.valid(player.toString());
    }

    static String adminToken(UUID admin) {
        return PLAYERS.with(admin.toString(), c -> c.claim("roles", List.of("player", "admin")));
    }

    /** A service token as auth-service issues it for calls to location-service. */
    static String serviceToken(String service, String audience) {
        return new JwtForge(KEY, ISSUER, audience).with(service, c -> c.claim("roles", List.of("service")));
    }

    /** A random place on land-ish latitudes, so tests never share presence cells or realtime channels. */
    static double[] randomPlace() {
        return new double[] {-50 + RANDOM.nextDouble() * 100, -170 + RANDOM.nextDouble() * 340};
    }

    static double[] move(double[] from, double metres, double bearingDeg) {
        double b = Math.toRadians(bearingDeg);
        double dLat = metres * Math.cos(b) / 111_195.0;
        double dLon = metres * Math.sin(b) / (111_195.0 * Math.cos(Math.toRadians(from[0])));
        return new double[] {from[0] + dLat, from[1] + dLon};
    }

    static Map<String, Object> fix(double[] at, double accuracy, long ts) {
        var fix = new LinkedHashMap<String, Object>();
        fix.put("lat", at[0]);
        fix.put("lon", at[1]);
        fix.put("accuracy", accuracy);
        fix.put("ts", ts);
        return fix;
    }

    static Map<String, Object> batch(List<Map<String, Object>> fixes) {
        return Map.of("fixes", fixes);
    }

    /** {@code n} fixes of an honest walk ending now: 1.4 m/s, one per second, 5 m accuracy. */
    static List<Map<String, Object>> walk(double[] start, int n) {
        long now = System.currentTimeMillis();
        var fixes = new ArrayList<Map<String, Object>>();
        double[] at = start;
        for (int i = 0; i < n; i++) {
            fixes.add(fix(at, 5 + RANDOM.nextDouble(), now - (n - 1 - i) * 1000L));
            at = move(at, 1.2 + RANDOM.nextDouble() * 0.4, 80 + RANDOM.nextGaussian() * 10);
        }
        return fixes;
    }

    /** A response of any status, body parsed as JSON when there is one. */
    record Response(int status, Map<String, Object> json, List<Object> array, io.micronaut.http.HttpHeaders headers,
                    String raw) {

        String contentType() {
            return headers.get("Content-Type");
        }

        String str(String field) {
            return (String) json.get(field);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) json.get(field);
        }
    }

    static Response call(HttpClient http, JsonMapper json, MutableHttpRequest<?> request) {
        try {
            var response = http.toBlocking().exchange(request, String.class);
            String body = response.getBody(String.class).orElse("");
            return new Response(response.code(), parse(json, body), parseArray(json, body), response.getHeaders(), body);
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("");
            return new Response(e.getStatus().getCode(), parse(json, body), List.of(), e.getResponse().getHeaders(), body);
        }
    }

    static MutableHttpRequest<?> post(String path, Object body, String token) {
        return HttpRequest.POST(path, body).bearerAuth(token);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(JsonMapper json, String body) {
        if (body == null || !body.startsWith("{")) {
            return Map.of();
        }
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> parseArray(JsonMapper json, String body) {
        if (body == null || !body.startsWith("[")) {
            return List.of();
        }
        try {
            return json.readValue(body, io.micronaut.core.type.Argument.listOf(Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records of {@code topic} (from the beginning) that match, waiting until {@code expected} arrived or 30 s passed. */
    static List<ConsumerRecord<String, String>> records(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                        int expected, Duration wait) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "location-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var found = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
            // A short extra poll so that "exactly n" assertions see duplicates that would follow.
            if (expected > 0) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
