package ore.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls of auth-service's public API the load needs, over the JDK's HTTP client on
 * virtual threads. Bodies are built and read with string operations: the fields are few, known and
 * never need escaping, and a JSON library would only add allocation to the client side of the
 * measurement.
 */
final class AuthClient implements AutoCloseable {

    /** A reply: the status, and the body to read tokens from when it succeeded. */
    record Reply(int status, String body) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final URI base;

    AuthClient(URI base) {
        this.base = base;
        // HTTP/1.1 as the ALB speaks to the tasks; no proxy whatever the environment says.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .executor(executor)
                .build();
    }

    Reply register(String email, String password) throws IOException, InterruptedException {
        return post("/api/auth/register", credentials(email, password));
    }

    /** Confirms a registration with the code mailed to its address: 201 and a signed-in session. */
    Reply confirm(String code) throws IOException, InterruptedException {
        return post("/api/auth/email/confirm", "{\"code\":\"" + code + "\"}");
    }

    Reply login(String email, String password) throws IOException, InterruptedException {
        return post("/api/auth/login", credentials(email, password));
    }

    Reply refresh(String refreshToken) throws IOException, InterruptedException {
        return post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    /** The refresh token of a successful login or refresh. */
    static String refreshToken(Reply reply) {
        Matcher m = REFRESH_TOKEN.matcher(reply.body());
        if (!m.find()) {
            throw new IllegalStateException("no refreshToken in a " + reply.status() + " reply");
        }
        return m.group(1);
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private Reply post(String path, String json) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
