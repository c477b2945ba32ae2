package ore.realtime.support;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import ore.security.JwtForge;

/**
 * The services realtime-engine calls, as a real HTTP server on a free port speaking their contracts:
 * auth-service's JWKS ({@code /jwks}) and client-credentials endpoint (HTTP Basic
 * {@code realtime:realtime-secret}), and location-service's
 * {@code GET /internal/location/players/{id}/cell}, which insists on a valid service token for
 * audience {@code location} and answers the cell the test set with {@link #placePlayer}.
 */
public final class Peers implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String ISSUER = "https://auth.ore.local";
    public static final String CLIENT_ID = "realtime";
    public static final String CLIENT_SECRET = "realtime-secret";

    private final ECKey authKey = JwtForge.newKey("peers-auth-key");
    private final JwtForge players = new JwtForge(authKey, ISSUER, "ore-api");
    private final JwtForge services = new JwtForge(authKey, ISSUER, "location");
    private final HttpServer server;
    private final Map<UUID, String> cells = new ConcurrentHashMap<>();
    public final AtomicInteger cellCalls = new AtomicInteger();

    public Peers() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/jwks", ex -> respond(ex, 200, new JWKSet(authKey.toPublicJWK()).toString()));
        server.createContext("/internal/auth/token", this::token);
        server.createContext("/internal/location/players/", this::cell);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public JwtForge players() {
        return players;
    }

    public String token(UUID player) {
        return players.valid(player.toString());
    }

    /** location-service will answer this res-9 cell as the player's last trusted cell. */
    public void placePlayer(UUID player, String cell) {
        cells.put(player, cell);
    }

    /** Properties pointing a realtime-engine at these peers. */
    public Map<String, String> properties() {
        var props = new HashMap<String, String>();
        props.put("ore.security.issuer", ISSUER);
        props.put("ore.security.jwks-url", baseUrl() + "/jwks");
        props.put("ore.security.jwks-min-refresh-interval", "0s");
        props.put("ore.security.client.token-url", baseUrl() + "/internal/auth/token");
        props.put("ore.security.client.client-id", CLIENT_ID);
        props.put("ore.security.client.client-secret", CLIENT_SECRET);
        props.put("ore.realtime.location.url", baseUrl());
        return props;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization")) || !body.contains("client_credentials")) {
            respond(ex, 401, "{\"code\":\"auth.invalid_client\"}");
            return;
        }
        String token = services.with(CLIENT_ID, c -> c.audience("location").claim("roles", List.of("service")));
        respond(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    }

    private void cell(HttpExchange ex) throws IOException {
        cellCalls.incrementAndGet();
        if (!validServiceToken(ex.getRequestHeaders().getFirst("Authorization"))) {
            respond(ex, 401, "{\"code\":\"auth.unauthenticated\"}");
            return;
        }
        String[] parts = ex.getRequestURI().getPath().split("/");
        UUID player;
        try {
            player = UUID.fromString(parts[4]);
        } catch (RuntimeException e) {
            respond(ex, 400, "{\"code\":\"request.invalid\"}");
            return;
        }
        String cell = cells.get(player);
        respond(ex, 200, cell == null ? "{\"playerId\":\"" + player + "\",\"known\":false}"
                : "{\"playerId\":\"" + player + "\",\"known\":true,\"cell\":\"" + cell + "\",\"fixAgeMs\":1000}");
    }

    private boolean validServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7));
            return jwt.verify(new ECDSAVerifier(authKey.toECPublicKey()))
                    && jwt.getJWTClaimsSet().getAudience().contains("location")
                    && CLIENT_ID.equals(jwt.getJWTClaimsSet().getSubject());
        } catch (Exception e) {
            return false;
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
