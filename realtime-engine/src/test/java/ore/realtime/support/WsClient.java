package ore.realtime.support;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real WebSocket client (the JDK's) for tests: records every text frame it receives (parsed) and
 * how the connection closed. Requests get increasing ids; {@link #call} waits for the answer.
 */
public final class WsClient implements AutoCloseable {

    /** Every frame any client received or sent in this JVM, for the AsyncAPI check. */
    public static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    public static final List<String> SENT = new CopyOnWriteArrayList<>();

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Closed(int code, String reason) {
    }

    private final List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final boolean reading;
    private WebSocket socket;

    private WsClient(boolean reading) {
        this.reading = reading;
    }

    public static WsClient connect(String url, String... subprotocols) {
        return connect(url, Map.of(), true, subprotocols);
    }

    public static WsClient connect(String url, Map<String, String> headers, boolean reading, String... subprotocols) {
        var client = new WsClient(reading);
        var builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(URI.create(url), client.listener()).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** Connects and authenticates with the token as subprotocol; waits for the "connected" frame. */
    public static WsClient player(String url, String token) {
        WsClient client = connect(url, "ore.v1", "bearer." + token);
        client.await(f -> "connected".equals(f.get("type")));
        return client;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                if (reading) {
                    webSocket.request(1);
                }
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String frame = text.toString();
                    text.setLength(0);
                    RECEIVED.add(frame);
                    frames.add(parse(frame));
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(new Closed(1006, String.valueOf(error)));
            }
        };
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("server sent invalid JSON: " + text, e);
        }
    }

    public void sendText(String text) {
        SENT.add(text);
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Sends a request (the id is added) and returns the answer: a result or an error. */
    public Map<String, Object> call(String type, Map<String, Object> fields) {
        long id = ids.incrementAndGet();
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("type", type);
        body.putAll(fields);
        try {
            sendText(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return await(f -> f.get("id") instanceof Number n && n.longValue() == id);
    }

    public Map<String, Object> call(String type) {
        return call(type, Map.of());
    }

    public Map<String, Object> subscribe(String channel) {
        return call("subscribe", Map.of("channel", channel));
    }

    /** Waits for a received frame matching the predicate (already received ones count). */
    public Map<String, Object> await(Predicate<Map<String, Object>> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> frames.stream().filter(match).findFirst().orElse(null), f -> f != null);
    }

    public List<Map<String, Object>> pushes(String channel) {
        var out = new ArrayList<Map<String, Object>>();
        for (var f : frames) {
            if ("push".equals(f.get("type")) && channel.equals(f.get("channel"))) {
                out.add(f);
            }
        }
        return out;
    }

    public List<Map<String, Object>> frames() {
        return frames;
    }

    public Closed awaitClosed() {
        try {
            return closed.orTimeout(30, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            throw new AssertionError("connection not closed within 30 s", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }
}
