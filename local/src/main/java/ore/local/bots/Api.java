package ore.local.bots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import ore.client.ApiException;
import ore.client.ApiResponse;
import ore.client.OreClient;

/**
 * One player's HTTP conversation with the router through the client generated from the services'
 * OpenAPI documents ({@link OreClient}): the bearer token, latency into {@link Metrics} under an
 * endpoint name, and the polite handling of 429 / 503: wait what {@code Retry-After} says (1 s when it
 * says nothing) and try again, counted as throttled, never as an error. {@code game.cooldown} (429) is
 * a game rule, not throttling: it is returned to the caller.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int IO_ATTEMPTS = 3;

    private final HttpClient http;
    private final OreClient client;
    private final Metrics metrics;
    private final String who;
    private volatile String token;

    Api(HttpClient http, URI base, Metrics metrics, String who) {
        this.http = http;
        this.client = OreClient.connect(base, http, TIMEOUT).accessToken(() -> token);
        this.metrics = metrics;
        this.who = who;
    }

    /** One operation of the generated client, asked for its status and headers ({@code ...WithHttpInfo}). */
    @FunctionalInterface
    interface Call<T> {
        ApiResponse<T> send(OreClient client) throws ApiException;
    }

    /**
     * An answer: status, the typed body of a success ({@code data}), the body and its JSON of an error
     * (a problem document), headers.
     */
    record Reply<T>(int status, T data, String body, JsonNode json, HttpHeaders headers) {

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
            String b = body == null ? String.valueOf(data) : body.replaceAll("\\s+", " ");
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
    <T> Reply<T> send(String endpoint, Call<T> call) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try {
            ApiResponse<T> response = call.send(client);
            metrics.latency(endpoint, response.getStatusCode(), System.nanoTime() - start);
            return new Reply<>(response.getStatusCode(), response.getData(), null, MissingNode.getInstance(),
                    HttpHeaders.of(response.getHeaders() == null ? Map.of() : response.getHeaders(), (name, value) -> true));
        } catch (ApiException e) {
            if (e.getCode() == 0) { // no answer: the generated client wraps the transport failure
                if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted during " + endpoint);
                }
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            metrics.latency(endpoint, e.getCode(), System.nanoTime() - start);
            HttpHeaders headers = e.getResponseHeaders() == null ? HttpHeaders.of(Map.of(), (n, v) -> true) : e.getResponseHeaders();
            return new Reply<>(e.getCode(), null, e.getResponseBody(), parse(e.getResponseBody()), headers);
        }
    }

    /**
     * Sends until there is an answer that is not throttling, or until {@code giveUpAtNanos} (then the
     * last throttled answer is returned). Transport failures are errors and retried twice; null when
     * no answer came at all. Keyed requests (Idempotency-Key) are safe to repeat.
     */
    <T> Reply<T> exchange(String endpoint, Call<T> call, long giveUpAtNanos) throws InterruptedException {
        int ioFailures = 0;
        while (true) {
            Reply<T> reply;
            try {
                reply = send(endpoint, call);
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
