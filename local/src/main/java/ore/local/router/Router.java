package ore.local.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ALB stand-in: forwards each request to the service its path belongs to, on a virtual thread per
 * request, and tunnels WebSocket upgrades ({@code /ws/*} to realtime) through {@link ConnectionFront}. Method, headers, body, status and response headers cross unchanged
 * apart from the hop-by-hop and {@code X-Forwarded-*} handling in {@link ForwardingHeaders}.
 * Bodies are buffered (both ways are small JSON), which keeps Content-Length exact.
 */
public final class Router implements AutoCloseable {

    /** Like the ALB's idle timeout, shortened: a local request that takes longer is a bug worth seeing. */
    public static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(10);
    /** The services cap their bodies far lower (auth: 64 KiB); this only keeps the router itself safe. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;
    private final HttpClient client;
    private final ExecutorService executor;
    private final RouteTable routes;
    private ConnectionFront front;

    private Router(HttpServer server, HttpClient client, ExecutorService executor, RouteTable routes) {
        this.server = server;
        this.client = client;
        this.executor = executor;
        this.routes = routes;
    }

    /**
     * Binds {@code address} and starts serving. Throws {@link java.net.BindException} when the port is
     * taken, which is how a second launcher finds out that one is already running.
     */
    public static Router start(InetSocketAddress address, RouteTable routes) throws IOException {
        // The public address belongs to the connection front, which tunnels WebSocket upgrades itself
        // and relays everything else to this HTTP server on a private loopback port.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(UPSTREAM_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        Router router = new Router(server, client, executor, routes);
        server.createContext("/", router::handle);
        server.setExecutor(executor);
        server.start();
        try {
            router.front = ConnectionFront.start(address, server.getAddress().getPort(), routes);
        } catch (IOException e) {
            router.close();
            throw e;
        }
        return router;
    }

    public int port() {
        return front.port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            switch (routes.resolve(path)) {
                case Resolution.Forward forward -> forward(exchange, forward, path);
                case Resolution.Unavailable u -> sendProblem(exchange, Problems.serviceUnavailable(u.service(), path));
                case Resolution.NoRoute n -> sendProblem(exchange, Problems.noRoute(path));
            }
        }
    }

    private void forward(HttpExchange exchange, Resolution.Forward target, String path) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            sendProblem(exchange, Problems.tooLarge(MAX_BODY_BYTES, path));
            return;
        }
        HttpRequest request = upstreamRequest(exchange, target, body);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            sendProblem(exchange, Problems.upstreamDown(target.service(), target.port(), path));
            return;
        } catch (HttpTimeoutException e) {
            sendProblem(exchange, Problems.upstreamTimeout(target.service(), path));
            return;
        } catch (IOException e) {
            sendProblem(exchange, Problems.badGateway(target.service(), path));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendProblem(exchange, Problems.badGateway(target.service(), path));
            return;
        }
        ForwardingHeaders.downstreamResponse(response.headers().map())
                .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        send(exchange, response.statusCode(), response.body());
    }

    private HttpRequest upstreamRequest(HttpExchange exchange, Resolution.Forward target, byte[] body) {
        URI incoming = exchange.getRequestURI();
        String pathAndQuery = incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + pathAndQuery))
                .timeout(UPSTREAM_TIMEOUT)
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        for (Map.Entry<String, List<String>> header : ForwardingHeaders.upstreamRequest(exchange.getRequestHeaders(), client).entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        return builder.build();
    }

    /** The body, or null when it exceeds {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void sendProblem(HttpExchange exchange, Problems.Body problem) throws IOException {
        exchange.getResponseHeaders().put("Content-Type", List.of(Problems.MEDIA_TYPE));
        send(exchange, problem.status(), problem.json().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // -1 tells HttpServer "no body"; HEAD, 204 and 304 must not carry one even if upstream sent bytes.
        boolean noBody = body.length == 0 || status == 204 || status == 304
                || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        // The front asks for one request per relayed connection; say so, so that no client pools it.
        String connection = exchange.getRequestHeaders().getFirst("Connection");
        if (connection != null && connection.toLowerCase(java.util.Locale.ROOT).contains("close")) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Stops accepting, gives in-flight requests a moment to finish, then releases the port. */
    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        server.stop(1);
        client.close();
        executor.close();
    }
}
