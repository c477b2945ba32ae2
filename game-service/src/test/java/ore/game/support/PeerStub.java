package ore.game.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import ore.security.JwtForge;

/**
 * The services game-service calls, as a real HTTP server (JDK {@code com.sun.net.httpserver}) on a
 * free port, speaking their contracts:
 * <ul>
 *   <li>auth-service's JWKS ({@code /jwks}), for verifying the player tokens tests make with
 *       {@link #players()}, and its client-credentials endpoint ({@code /internal/auth/token}: HTTP
 *       Basic {@code game:game-secret}, audience {@code location}) handing out service tokens;</li>
 *   <li>location-service's {@code GET /internal/location/proximity}, which refuses anything but a
 *       valid service token for audience {@code location} with role {@code service} (401), and
 *       answers per player as the test says ({@link #answer}), by default "5 m away, fresh fix".</li>
 * </ul>
 */
public final class PeerStub implements AutoCloseable {

    static {
        // The JDK server leaves Nagle's algorithm on by default: with small keep-alive responses that
        // costs ~40 ms per request (delayed ACKs), which would be the stub's latency, not the service's.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String ISSUER = "https://auth.ore.local";
    public static final String CLIENT_ID = "game";
    public static final String CLIENT_SECRET = "game-secret";

    /** A query location-service received. */
    public record Query(UUID playerId, double lat, double lon, double maxDistanceM) {
    }

    /**
     * What the stub answers: a status, a JSON body and an optional delay before answering. A body made
     * by {@link #near} carries the distance in a placeholder, so that {@code withinDistance} is computed
     * against the query's {@code maxDistanceM} (mining asks for 40 m, node listing for 1000 m).
     */
    public record Answer(int status, String body, long delayMs) {

        private static final String WITHIN = "\"@within:" + "@d@\"";
        private static final String WITHIN_VALUE = "@d@";

        /** A TRUSTED position with 5 m accuracy, the asked point outside every zone. */
        public static Answer near(UUID playerId, double distanceM, long fixAgeMs, boolean inNoPlayZone) {
            return near(playerId, distanceM, fixAgeMs, inNoPlayZone, "TRUSTED", 5.0, false);
        }

        /** Every field of the contract; withinDistance follows from the query's maxDistanceM. */
        public static Answer near(UUID playerId, double distanceM, long fixAgeMs, boolean inNoPlayZone, String verdict,
                                  double accuracyM, boolean targetInNoPlayZone) {
            return new Answer(200, String.format(Locale.ROOT,
                    "{\"playerId\":\"%s\",\"known\":true,\"distanceM\":%.1f,\"withinDistance\":" + WITHIN + ","
                            + "\"fixAgeMs\":%d,\"inNoPlayZone\":%s,\"verdict\":\"%s\",\"accuracyM\":%.1f,"
                            + "\"targetInNoPlayZone\":%s}", playerId, distanceM, fixAgeMs, inNoPlayZone, verdict,
                    accuracyM, targetInNoPlayZone).replace(WITHIN_VALUE, Double.toString(distanceM)), 0);
        }

        public static Answer unknown(UUID playerId) {
            return new Answer(200, "{\"playerId\":\"" + playerId + "\",\"known\":false,\"targetInNoPlayZone\":false}", 0);
        }

        public static Answer status(int status) {
            return new Answer(status, "{\"type\":\"https://errors.ore.game/server/unavailable\",\"status\":" + status + "}", 0);
        }

        public Answer delayed(long ms) {
            return new Answer(status, body, ms);
        }
    }

    private final ECKey authKey = JwtForge.newKey("stub-auth-key");
    private final JwtForge players = new JwtForge(authKey, ISSUER, "ore-api");
    private final JwtForge services = new JwtForge(authKey, ISSUER, "location");
    private final HttpServer server;
    private final Map<UUID, Function<Query, Answer>> perPlayer = new ConcurrentHashMap<>();
    private final Map<String, JWTClaimsSet> verifiedTokens = new ConcurrentHashMap<>();
    private volatile Function<Query, Answer> fallback = q -> Answer.near(q.playerId(), 5.0, 1_000, false);
    public final AtomicInteger proximityCalls = new AtomicInteger();
    public final AtomicInteger tokenCalls = new AtomicInteger();
    public final AtomicInteger rejectedTokens = new AtomicInteger();

    public PeerStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/jwks", this::jwks);
        server.createContext("/internal/auth/token", this::token);
        server.createContext("/internal/location/proximity", this::proximity);
        server.createContext("/internal/location/zones/contains", this::zoneCheck);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes player tokens (issuer and key as auth-service's). */
    public JwtForge players() {
        return players;
    }

    public String playerToken(UUID playerId) {
        return players.valid(playerId.toString());
    }

    public String playerToken(UUID playerId, String wallet) {
        return players.with(playerId.toString(), c -> c.claim("wallet", wallet));
    }

    /** How location-service answers for this player from now on. */
    public void answer(UUID playerId, Function<Query, Answer> answer) {
        perPlayer.put(playerId, answer);
    }

    /** How location-service answers for players without their own answer. */
    public void answerEveryone(Function<Query, Answer> answer) {
        fallback = answer;
    }

    /** Micronaut properties pointing game-service at this stub. */
    public Map<String, String> properties() {
        var props = new HashMap<String, String>();
        props.put("ore.security.issuer", ISSUER);
        props.put("ore.security.jwks-url", baseUrl() + "/jwks");
        props.put("ore.security.jwks-min-refresh-interval", "0s");
        props.put("ore.security.client.token-url", baseUrl() + "/internal/auth/token");
        props.put("ore.security.client.client-id", CLIENT_ID);
        props.put("ore.security.client.client-secret", CLIENT_SECRET);
        props.put("ore.game.location.url", baseUrl());
        return props;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void jwks(HttpExchange ex) throws IOException {
        respond(ex, 200, new JWKSet(authKey.toPublicJWK()).toString());
    }

    private void token(HttpExchange ex) throws IOException {
        tokenCalls.incrementAndGet();
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = parse(new String(readAll(ex.getRequestBody()), StandardCharsets.UTF_8));
        if (!expected.equals(basic) || !"client_credentials".equals(form.get("grant_type"))) {
            respond(ex, 401, "{\"code\":\"auth.invalid_client\"}");
            return;
        }
        String token = services.with(CLIENT_ID, c -> c.audience(form.get("audience")).claim("roles", List.of("service")));
        respond(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    }

    private void proximity(HttpExchange ex) throws IOException {
        proximityCalls.incrementAndGet();
        if (!validServiceToken(ex.getRequestHeaders().getFirst("Authorization"))) {
            rejectedTokens.incrementAndGet();
            respond(ex, 401, "{\"code\":\"auth.unauthenticated\"}");
            return;
        }
        Map<String, String> q = parse(ex.getRequestURI().getRawQuery());
        Query query;
        try {
            query = new Query(UUID.fromString(q.get("playerId")), Double.parseDouble(q.get("lat")),
                    Double.parseDouble(q.get("lon")), Double.parseDouble(q.get("maxDistanceM")));
        } catch (RuntimeException e) {
            respond(ex, 400, "{\"code\":\"request.invalid\"}");
            return;
        }
        Answer answer = perPlayer.getOrDefault(query.playerId(), fallback).apply(query);
        if (answer.delayMs() > 0) {
            try {
                Thread.sleep(answer.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(ex, answer.status(), within(answer.body(), query.maxDistanceM()));
    }

    private static final java.util.regex.Pattern WITHIN_PLACEHOLDER =
            java.util.regex.Pattern.compile("\"@within:([0-9.eE+-]+)\"");

    private static String within(String body, double maxDistanceM) {
        var m = WITHIN_PLACEHOLDER.matcher(body);
        if (!m.find()) {
            return body;
        }
        boolean within = Double.parseDouble(m.group(1)) <= maxDistanceM;
        return m.replaceFirst(Boolean.toString(within));
    }

    /** Which points lie in no-play zones (none by default). */
    public void zones(java.util.function.Predicate<double[]> inZone) {
        zones = inZone;
    }

    private volatile java.util.function.Predicate<double[]> zones = p -> false;
    public final AtomicInteger zoneCalls = new AtomicInteger();

    private void zoneCheck(HttpExchange ex) throws IOException {
        zoneCalls.incrementAndGet();
        if (!validServiceToken(ex.getRequestHeaders().getFirst("Authorization"))) {
            rejectedTokens.incrementAndGet();
            respond(ex, 401, "{\"code\":\"auth.unauthenticated\"}");
            return;
        }
        try {
            var body = com.nimbusds.jose.util.JSONObjectUtils.parse(new String(readAll(ex.getRequestBody()),
                    StandardCharsets.UTF_8));
            var answers = new java.util.ArrayList<String>();
            for (Object o : (List<?>) body.get("points")) {
                var point = (Map<?, ?>) o;
                answers.add(Boolean.toString(zones.test(new double[] {((Number) point.get("lat")).doubleValue(),
                        ((Number) point.get("lon")).doubleValue()})));
            }
            respond(ex, 200, "{\"inNoPlayZone\":[" + String.join(",", answers) + "]}");
        } catch (ParseException | RuntimeException e) {
            respond(ex, 400, "{\"code\":\"request.invalid\"}");
        }
    }

    private boolean validServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            var claims = verifiedClaims(authorization.substring(7));
            return claims != null
                    && claims.getAudience().contains("location")
                    && claims.getStringListClaim("roles").contains("service")
                    && claims.getExpirationTime().toInstant().isAfter(java.time.Instant.now());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The claims of a token whose signature is valid, null otherwise; remembered per token as
     * location-service does (ore-security's verified-signature cache): otherwise the benchmark charges
     * the stub a full ES256 verification per proximity call, which the real service does not pay.
     * The claims themselves are checked on every call.
     */
    private JWTClaimsSet verifiedClaims(String token) throws ParseException, JOSEException {
        JWTClaimsSet known = verifiedTokens.get(token);
        if (known != null) {
            return known;
        }
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(new ECDSAVerifier(authKey.toECPublicKey()))) {
            return null;
        }
        if (verifiedTokens.size() >= 1_000) {
            verifiedTokens.clear();
        }
        verifiedTokens.put(token, jwt.getJWTClaimsSet());
        return jwt.getJWTClaimsSet();
    }

    private static Map<String, String> parse(String query) {
        var map = new HashMap<String, String>();
        if (query == null || query.isEmpty()) {
            return map;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
