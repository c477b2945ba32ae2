package ore.local.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router in front of a JDK HttpServer stub, both on free ports: what goes in comes out. */
class RouterRoundTripTest {

    record Seen(String method, String pathAndQuery, String body, Map<String, List<String>> headers) {
    }

    private final AtomicReference<Seen> seen = new AtomicReference<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HttpServer stub;
    private Router router;

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.set(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                        Map.copyOf(exchange.getRequestHeaders())));
                byte[] reply = "{\"created\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Stub", "yes");
                exchange.sendResponseHeaders(201, reply.length);
                exchange.getResponseBody().write(reply);
            }
        });
        stub.start();
        router = Router.start(new InetSocketAddress("127.0.0.1", 0), new RouteTable(AlbRoute.PRODUCTION,
                Map.of("auth", stub.getAddress().getPort(), "location", unusedPort())));
    }

    @AfterEach
    void stop() {
        router.close();
        stub.stop(0);
        client.close();
    }

    @Test
    void aRequestRoundTripsThroughTheRouter() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url("/api/auth/guest?x=1&y=%20"))
                        .method("PUT", HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"d-1\"}"))
                        .header("Content-Type", "application/json")
                        .header("X-Request-Id", "req-42")
                        .header("X-Forwarded-For", "203.0.113.9")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        Seen request = seen.get();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.pathAndQuery()).isEqualTo("/api/auth/guest?x=1&y=%20");
        assertThat(request.body()).isEqualTo("{\"deviceId\":\"d-1\"}");
        assertThat(request.headers().get("Content-type")).containsExactly("application/json");
        assertThat(request.headers().get("X-request-id")).containsExactly("req-42");
        assertThat(request.headers().get("X-forwarded-for")).containsExactly("203.0.113.9, 127.0.0.1");
        assertThat(request.headers().get("X-forwarded-host")).containsExactly("127.0.0.1:" + router.port());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"created\":true}");
        assertThat(response.headers().firstValue("X-Stub")).contains("yes");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void aRouteWithoutAServiceAnswers503ProblemJson() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url("/api/game/mine"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://errors.ore.game/server/unavailable\"");
        assertThat(seen.get()).isNull();
    }

    @Test
    void aServiceThatDoesNotAnswerIs503Too() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url("/api/location/update")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("server/unavailable", "does not answer on 127.0.0.1:");
    }

    @Test
    void webSocketsWithoutRealtimeAre503() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url("/ws")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("realtime");
    }

    /**
     * An upgrade on /ws is tunnelled to realtime: the upstream sees the upgrade with the router's
     * X-Forwarded-For, answers 101, and from then on bytes flow both ways unchanged.
     */
    @Test
    void aWebSocketUpgradeIsTunnelledBothWays() throws Exception {
        try (ServerSocket realtime = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Router ws = Router.start(new InetSocketAddress("127.0.0.1", 0),
                    new RouteTable(AlbRoute.PRODUCTION, Map.of("realtime", realtime.getLocalPort())));
            var upstreamHead = new java.util.concurrent.CompletableFuture<String>();
            Thread upstream = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = realtime.accept()) {
                    upstreamHead.complete(new String(ConnectionFront.readHead(s.getInputStream()), StandardCharsets.ISO_8859_1));
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    byte[] ping = s.getInputStream().readNBytes(4);
                    s.getOutputStream().write(("pong:" + new String(ping, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    upstreamHead.completeExceptionally(e);
                }
            });
            try (java.net.Socket c = new java.net.Socket("127.0.0.1", ws.port())) {
                c.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nX-Forwarded-For: 198.51.100.1\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                String response = new String(ConnectionFront.readHead(c.getInputStream()), StandardCharsets.ISO_8859_1);
                assertThat(response).startsWith("HTTP/1.1 101");
                c.getOutputStream().write("ping".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(new String(c.getInputStream().readNBytes(9), StandardCharsets.ISO_8859_1)).isEqualTo("pong:ping");
            } finally {
                ws.close();
            }
            String head = upstreamHead.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(head).startsWith("GET /ws HTTP/1.1").contains("Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "X-Forwarded-For: 198.51.100.1, 127.0.0.1",
                    "X-Forwarded-Proto: http");
            upstream.join(Duration.ofSeconds(5));
        }
    }

    /**
     * A relayed HTTP connection carries one request: clients pool keep-alive connections and reuse
     * them for a WebSocket upgrade, which must reach the tunnel (chosen per connection), not the
     * HTTP relay. The answer says "Connection: close" and the connection ends after it.
     */
    @Test
    void aRelayedHttpConnectionEndsAfterItsAnswerSoAnUpgradeNeverRidesOnIt() throws Exception {
        try (java.net.Socket c = new java.net.Socket("127.0.0.1", router.port())) {
            c.setSoTimeout(10_000);
            c.getOutputStream().write(("GET /api/auth/guest HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(c.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1); // until EOF
            assertThat(all).startsWith("HTTP/1.1 201").containsIgnoringCase("connection: close")
                    .endsWith("{\"created\":true}");
        }
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + router.port() + pathAndQuery);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
