package ore.local.bots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A player's realtime connection (protocol {@code ore.v1}, docs/realtime-protocol.md): token in the
 * subprotocols, {@code player:<id>} subscribed, pushes queued for the bot's thread, requests answered
 * by id. When the server closes with a reconnect hint (a {@code disconnect} frame, 1012 or 4007) it
 * reconnects after the hinted delay and recovers with the last offset and epoch; any other close the
 * bot did not ask for is an error (and it reconnects all the same, a second later).
 */
final class RealtimeSocket implements WebSocket.Listener {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final long REQUEST_TIMEOUT_S = 10;

    private final HttpClient http;
    private final URI uri;
    private final Metrics metrics;
    private final String who;
    private final String channel;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    /** The {@code data} of every push on the player channel, in arrival order, for the bot's thread. */
    final ConcurrentLinkedQueue<JsonNode> pushes = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();

    private volatile WebSocket ws;
    private volatile boolean closing;
    private volatile boolean hinted;
    private volatile long reconnectHintMs = -1;
    private volatile long reconnectAtNanos = -1;
    private volatile long offset = -1;
    private volatile String epoch;
    /** Set when a gap could not be recovered: some pushes may be lost, so push checks are off. */
    private volatile boolean gap;

    RealtimeSocket(HttpClient http, URI uri, Metrics metrics, String who, String playerId) {
        this.http = http;
        this.uri = uri;
        this.metrics = metrics;
        this.who = who;
        this.channel = "player:" + playerId;
    }

    boolean connected() {
        return ws != null && reconnectAtNanos < 0;
    }

    boolean hadGap() {
        return gap;
    }

    /** Opens the socket and subscribes; false (and a reconnect scheduled) when that did not work. */
    boolean open(String token) throws InterruptedException {
        long start = System.nanoTime();
        try {
            WebSocket socket = http.newWebSocketBuilder().subprotocols("ore.v1", "bearer." + token)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(uri, this).get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            metrics.latency("WS /ws (upgrade)", 101, System.nanoTime() - start);
            if (!"ore.v1".equals(socket.getSubprotocol())) {
                metrics.error("socket: subprotocol not ore.v1", who + ": server selected '" + socket.getSubprotocol() + "'");
            }
            ws = socket;
            reconnectAtNanos = -1;
            hinted = false;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                metrics.latency("WS /ws (upgrade)", status, System.nanoTime() - start);
                if (status == 503 || status == 429) {
                    metrics.throttled("WS /ws (upgrade)", status, null);
                } else {
                    metrics.error("socket upgrade refused " + status, who + ": " + h.getResponse().body());
                }
            } else {
                metrics.error("socket upgrade failed", who + ": " + cause);
            }
            scheduleReconnect(2000);
            return false;
        } catch (TimeoutException e) {
            metrics.error("socket upgrade timed out", who + ": no 101 within " + CONNECT_TIMEOUT.toSeconds() + " s");
            scheduleReconnect(2000);
            return false;
        }
        if (!subscribe()) {
            // Connected but not subscribed: no pushes would come. Start over in a moment.
            WebSocket socket = ws;
            scheduleReconnect(2000);
            if (socket != null) {
                socket.abort();
            }
            return false;
        }
        return true;
    }

    private boolean subscribe() throws InterruptedException {
        ObjectNode frame = Api.JSON.createObjectNode().put("type", "subscribe").put("channel", channel);
        boolean recovering = offset >= 0 && epoch != null;
        if (recovering) {
            frame.put("offset", offset).put("epoch", epoch);
        }
        JsonNode answer = request(frame);
        if (answer == null) {
            return false;
        }
        if (!"result".equals(answer.path("type").asText())) {
            metrics.error("socket subscribe refused " + answer.path("code").asText(), who + ": " + answer);
            return false;
        }
        if (recovering) {
            if (answer.path("recovered").asBoolean(false)) {
                for (JsonNode publication : answer.path("publications")) {
                    accept(publication.path("offset").asLong(-1), epoch, publication.path("data"));
                }
            } else {
                gap = true;
                metrics.refusal("socket recovery not possible (gap)");
            }
        }
        if (!recovering || !answer.path("recovered").asBoolean(false)) {
            offset = answer.path("offset").asLong(offset);
            epoch = answer.path("epoch").asText(epoch);
        }
        return true;
    }

    /** Sends {@code frame} with a fresh id and waits for its answer (null after an error was counted). */
    JsonNode request(ObjectNode frame) throws InterruptedException {
        WebSocket socket = ws;
        if (socket == null) {
            return null;
        }
        long id = ids.incrementAndGet();
        frame.put("id", id);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        long start = System.nanoTime();
        try {
            synchronized (this) {
                socket.sendText(frame.toString(), true).get(REQUEST_TIMEOUT_S, TimeUnit.SECONDS);
            }
            JsonNode result = answer.get(REQUEST_TIMEOUT_S, TimeUnit.SECONDS);
            metrics.latency("WS " + frame.path("type").asText(), result.path("type").asText("?"), System.nanoTime() - start);
            return result;
        } catch (ExecutionException | TimeoutException e) {
            if (!closing) {
                metrics.error("socket request " + frame.path("type").asText() + " unanswered", who + ": " + e);
            }
            return null;
        } finally {
            waiting.remove(id);
        }
    }

    /** Hands a fresher token of the same player to the connection, so it does not close at expiry. */
    void refresh(String token) throws InterruptedException {
        if (!connected()) {
            return;
        }
        JsonNode answer = request(Api.JSON.createObjectNode().put("type", "refresh").put("token", token));
        if (answer != null && !"result".equals(answer.path("type").asText())) {
            metrics.error("socket refresh refused " + answer.path("code").asText(), who + ": " + answer);
        }
    }

    /** Reconnects when a close scheduled it and its time has come. */
    void maintain(String token) throws InterruptedException {
        long at = reconnectAtNanos;
        if (!closing && at >= 0 && System.nanoTime() >= at) {
            open(token);
        }
    }

    void close() {
        closing = true;
        WebSocket socket = ws;
        if (socket == null) {
            return;
        }
        try {
            synchronized (this) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
        } catch (ExecutionException | TimeoutException e) {
            socket.abort();
        }
    }

    private void scheduleReconnect(long delayMs) {
        ws = null;
        reconnectAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
    }

    private void accept(long pushOffset, String pushEpoch, JsonNode data) {
        if (pushEpoch != null && epoch != null && !pushEpoch.equals(epoch)) {
            // The channel's history was interrupted while connected: like recovered=false.
            gap = true;
        }
        if (pushOffset > offset) {
            offset = pushOffset;
        }
        if (pushEpoch != null) {
            epoch = pushEpoch;
        }
        metrics.push(data.path("type").asText("?"));
        pushes.add(data);
    }

    private void handle(String text) {
        JsonNode frame = Api.parse(text);
        String type = frame.path("type").asText("");
        switch (type) {
            case "push" -> {
                if (channel.equals(frame.path("channel").asText())) {
                    accept(frame.path("offset").asLong(-1), frame.path("epoch").asText(null), frame.path("data"));
                } else {
                    metrics.push(frame.path("data").path("type").asText("?") + " (other channel)");
                }
            }
            case "result", "error" -> {
                CompletableFuture<JsonNode> f = waiting.get(frame.path("id").asLong(-1));
                if (f != null) {
                    f.complete(frame);
                } else if (type.equals("error")) {
                    metrics.error("socket error frame " + frame.path("code").asText(), who + ": " + text);
                }
            }
            case "disconnect" -> {
                hinted = true;
                reconnectHintMs = frame.path("reconnectAfterMs").asLong(1000);
            }
            case "connected" -> {
                // The session: player and expiry. Nothing to do.
            }
            default -> metrics.push("frame " + type);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handle(text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (webSocket != ws || closing) {
            return null;
        }
        if (hinted || statusCode == 1012 || statusCode == 4007) {
            metrics.refusal("socket closed " + statusCode + " with a reconnect hint");
            long delay = reconnectHintMs >= 0 ? reconnectHintMs : 1000;
            scheduleReconnect(delay);
        } else {
            metrics.error("socket closed " + statusCode + " without a reconnect hint", who + ": " + statusCode + " " + reason);
            scheduleReconnect(1000);
        }
        reconnectHintMs = -1;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (webSocket != ws || closing) {
            return;
        }
        metrics.error("socket failed", who + ": " + error);
        scheduleReconnect(1000);
    }
}
