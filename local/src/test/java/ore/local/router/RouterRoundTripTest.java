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
    void webSocketsAre501ForNow() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url("/ws/connect")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.body()).contains("realtime service, which is not part of the local stack yet");
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
