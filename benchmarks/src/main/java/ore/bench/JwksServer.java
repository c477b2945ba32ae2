package ore.bench;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for auth-service's JWKS endpoint: real HTTP on a loopback port, same path, media type
 * and cache header. Each response closes its connection, because in production a refresh comes
 * minutes after the previous one and finds no idle connection to reuse, so every fetch pays for a
 * new connection here too.
 */
final class JwksServer implements AutoCloseable {

    private static final String PATH = "/api/auth/.well-known/jwks.json";

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile byte[] body = new JWKSet().toString().getBytes(StandardCharsets.UTF_8);

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    static JwksServer start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            var jwks = new JwksServer(server);
            server.createContext(PATH, jwks::serve);
            server.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes the public halves of these keys; the next fetch returns them. */
    void publish(ECKey... keys) {
        var set = new JWKSet(Arrays.stream(keys).map(ECKey::toPublicJWK).map(JWK.class::cast).toList());
        body = set.toString().getBytes(StandardCharsets.UTF_8);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    int fetches() {
        return fetches.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            fetches.incrementAndGet();
            byte[] payload = body;
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=300");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, payload.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
