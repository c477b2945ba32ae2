package ore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import ore.client.game.model.GameDtosMineRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written part of the client (token, problem documents, Retry-After) against a real HTTP
 * server on loopback that answers the way the services do. The generated operations themselves are
 * exercised against the real services by local's LauncherIT.
 */
class OreClientTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String contentType;
    private volatile String body;
    private volatile String retryAfter;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OreClient client() {
        return OreClient.connect(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    private void answer(int status, String contentType, String body, String retryAfter) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    @Test
    void sendsTheAccessTokenOnlyOnceOneIsSet() throws Exception {
        answer(200, "application/json", "{\"playerId\":\"6f1c1f0e-3d1b-4c35-9a53-0c2a8f1e9b10\",\"ore\":\"0\",\"balance\":\"0\",\"holdings\":[]}", null);
        OreClient client = client();
        client.inventory().getInventory();
        client.accessToken("abc.def.ghi");
        client.inventory().getInventory();
        client.accessToken((String) null);
        client.inventory().getInventory();
        assertThat(authorizations).containsExactly("null", "Bearer abc.def.ghi", "null");
    }

    @Test
    void readsTheProblemAndItsStableCodeFromAnErrorAnswer() {
        answer(429, "application/problem+json", "{\"type\":\"https://errors.ore.game/game/cooldown\",\"title\":\"Too Many Requests\","
                + "\"status\":429,\"detail\":\"This node is cooling down\",\"code\":\"game.cooldown\"}", "7");
        OreClient client = client();
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.mining().mine("key-00000001", new GameDtosMineRequest().nodeId("n1")));
        assertThat(e.getCode()).isEqualTo(429);
        OreClient.Problem problem = client.problem(e).orElseThrow();
        assertThat(problem.code()).isEqualTo("game.cooldown");
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.detail()).isEqualTo("This node is cooling down");
        assertThat(OreClient.retryAfter(e)).contains(Duration.ofSeconds(7));
    }

    @Test
    void anAnswerThatIsNotAProblemDocumentGivesNoProblem() {
        answer(502, "text/html", "<html>Bad Gateway</html>", "Wed, 21 Oct 2026 07:28:00 GMT");
        OreClient client = client();
        ApiException e = catchThrowableOfType(ApiException.class, () -> client.inventory().getInventory());
        assertThat(e.getCode()).isEqualTo(502);
        assertThat(client.problem(e)).isEmpty();
        assertThat(OreClient.retryAfter(e)).as("an HTTP date is not read as seconds").isEmpty();
    }

    @Test
    void manyClientsShareTheCallersHttpClient() throws Exception {
        answer(200, "application/json", "{\"playerId\":\"6f1c1f0e-3d1b-4c35-9a53-0c2a8f1e9b10\",\"items\":[]}", null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        OreClient alice = OreClient.connect(base, http, Duration.ofSeconds(5)).accessToken("alice");
        OreClient bob = OreClient.connect(base, http, Duration.ofSeconds(5)).accessToken("bob");
        assertThat(alice.apiClient().getHttpClient()).isSameAs(http);
        alice.inventory().getInventory();
        bob.inventory().getInventory();
        assertThat(authorizations).containsExactly("Bearer alice", "Bearer bob");
    }

    @Test
    void noAnswerAtAllIsAnExceptionWithoutAStatus() {
        OreClient client = OreClient.connect(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        server.stop(0);
        ApiException e = catchThrowableOfType(ApiException.class, () -> client.inventory().getInventory());
        assertThat(e.getCode()).isZero();
        assertThat(client.problem(e)).isEmpty();
    }
}
