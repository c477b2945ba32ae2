package ore.local.bots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One player's HTTP conversation with the router: JSON in and out, the bearer token, latency into
 * {@link Metrics} under an endpoint name, and the polite handling of 429 / 503: wait what
 * {@code Retry-After} says (1 s when it says nothing) and try again, counted as throttled, never as
 * an error. {@code game.cooldown} (429) is a game rule, not throttling: it is returned to the caller.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int IO_ATTEMPTS = 3;

    private final HttpClient http;
    private final URI base;
    private final Metrics metrics;
    private final String who;
    private volatile String token;

    Api(HttpClient http, URI base, Metrics metrics, String who) {
        this.http = http;
        this.base = base;
        this.metrics = metrics;
        this.who = who;
    }

    /** An answer: status, body, the body as JSON (MissingNode when it is not JSON), headers. */
    record Reply(int status, String body, JsonNode json, HttpHeaders headers) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** The problem's stable {@code code}, or null. */
        String code() {
            JsonNode c = json.get("code");
            return c == null || c.isNull() ? null : c.asText();
        }

        /** Retry-After in seconds (RFC 9110 delay-seconds), else {@code fallback}; at most 60 s. */
        Duration retryAfter(Duration fallback) {
            return headers.firstValue("Retry-After").map(v -> {
                try {
                    return Duration.ofSeconds(Math.min(60, Math.max(0, Long.parseLong(v.trim()))));
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }).orElse(fallback);
        }

        /** For error examples: status, code and the start of the body. */
        String brief() {
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return status + " " + (b.length() > 220 ? b.substring(0, 220) + "…" : b);
        }
    }

    void token(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    HttpClient client() {
        return http;
    }

    /** One attempt; IOException when no answer came. */
    Reply send(String endpoint, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("accept", "application/json");
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        metrics.latency(endpoint, response.statusCode(), System.nanoTime() - start);
        return new Reply(response.statusCode(), response.body(), parse(response.body()), response.headers());
    }

    /**
     * Sends until there is an answer that is not throttling, or until {@code giveUpAtNanos} (then the
     * last throttled answer is returned). Transport failures are errors and retried twice; null when
     * no answer came at all. Keyed requests (Idempotency-Key in headers) are safe to repeat.
     */
    Reply exchange(String endpoint, String method, String path, String body, Map<String, String> headers,
                   long giveUpAtNanos) throws InterruptedException {
        int ioFailures = 0;
        while (true) {
            Reply reply;
            try {
                reply = send(endpoint, method, path, body, headers);
            } catch (IOException e) {
                ioFailures++;
                String kind = e instanceof HttpTimeoutException ? "timeout" : "transport " + e.getClass().getSimpleName();
                metrics.error(kind + " on " + endpoint, who + ": " + e);
                if (ioFailures >= IO_ATTEMPTS || System.nanoTime() > giveUpAtNanos) {
                    return null;
                }
                Thread.sleep(500L * ioFailures);
                continue;
            }
            boolean throttledNow = (reply.status() == 429 && !"game.cooldown".equals(reply.code())) || reply.status() == 503;
            if (!throttledNow) {
                return reply;
            }
            metrics.throttled(endpoint, reply.status(), reply.code());
            long waitMs = reply.retryAfter(Duration.ofSeconds(1)).toMillis() + ThreadLocalRandom.current().nextLong(250);
            if (System.nanoTime() + waitMs * 1_000_000 > giveUpAtNanos) {
                return reply;
            }
            Thread.sleep(Math.max(250, waitMs));
        }
    }

    static JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode n = JSON.readTree(body);
            return n == null ? MissingNode.getInstance() : n;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
