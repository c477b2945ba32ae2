package ore.realtime.app;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import ore.realtime.domain.ChannelName;
import ore.realtime.domain.Publication;
import ore.realtime.domain.RealtimeErrors;
import ore.realtime.domain.StreamPosition;

/**
 * The server frames of protocol {@code ore.v1}, written directly as UTF-8 JSON. Message data is
 * embedded verbatim: it is JSON already (checked when a client publishes, trusted from producers).
 * The shapes are the ones docs/realtime-protocol.md and the AsyncAPI document describe.
 */
public final class Frames {

    public static final String VERSION = "ore.v1";

    private Frames() {
    }

    public static byte[] push(ChannelName channel, Publication p) {
        var b = new StringBuilder(64 + p.data().length());
        b.append("{\"type\":\"push\",\"channel\":");
        string(b, channel.value());
        b.append(",\"offset\":").append(p.offset()).append(",\"epoch\":");
        string(b, p.epoch());
        b.append(",\"data\":").append(p.data()).append('}');
        return bytes(b);
    }

    public static byte[] error(long id, RealtimeErrors error) {
        return error(id, error, error.message());
    }

    public static byte[] error(long id, RealtimeErrors error, String message) {
        var b = new StringBuilder(96);
        b.append("{\"id\":").append(id).append(",\"type\":\"error\",\"code\":");
        string(b, error.code());
        b.append(",\"message\":");
        string(b, message);
        return bytes(b.append('}'));
    }

    public static byte[] result(long id) {
        return bytes(new StringBuilder(32).append("{\"id\":").append(id).append(",\"type\":\"result\"}"));
    }

    public static byte[] session(long id, String clientId, java.util.UUID player, Instant expiresAt) {
        var b = new StringBuilder(160);
        if (id > 0) {
            b.append("{\"id\":").append(id).append(",\"type\":\"result\"");
        } else {
            b.append("{\"type\":\"connected\"");
        }
        b.append(",\"client\":");
        string(b, clientId);
        b.append(",\"player\":\"").append(player).append("\",\"expiresAt\":\"").append(expiresAt)
                .append("\",\"version\":\"").append(VERSION).append("\"}");
        return bytes(b);
    }

    /** Result of subscribe ({@code recovered} non-null only when recovery was asked for) and history. */
    public static byte[] position(long id, ChannelName channel, StreamPosition position, Boolean recovered,
                                  List<Publication> publications) {
        var b = new StringBuilder(128);
        b.append("{\"id\":").append(id).append(",\"type\":\"result\",\"channel\":");
        string(b, channel.value());
        b.append(",\"offset\":").append(position.offset()).append(",\"epoch\":");
        string(b, position.epoch());
        if (recovered != null) {
            b.append(",\"recovered\":").append(recovered);
        }
        if (publications != null) {
            b.append(",\"publications\":[");
            for (int i = 0; i < publications.size(); i++) {
                Publication p = publications.get(i);
                b.append(i == 0 ? "" : ",").append("{\"offset\":").append(p.offset()).append(",\"data\":")
                        .append(p.data()).append('}');
            }
            b.append(']');
        }
        return bytes(b.append('}'));
    }

    public static byte[] presence(long id, ChannelName channel, long count) {
        var b = new StringBuilder(96);
        b.append("{\"id\":").append(id).append(",\"type\":\"result\",\"channel\":");
        string(b, channel.value());
        return bytes(b.append(",\"count\":").append(count).append('}'));
    }

    public static byte[] expiry(long id, Instant expiresAt) {
        return bytes(new StringBuilder(80).append("{\"id\":").append(id).append(",\"type\":\"result\",\"expiresAt\":\"")
                .append(expiresAt).append("\"}"));
    }

    /** Sent just before a server-initiated close that the client should recover from by reconnecting. */
    public static byte[] disconnect(int code, String reason, long reconnectAfterMs) {
        var b = new StringBuilder(128);
        b.append("{\"type\":\"disconnect\",\"code\":").append(code).append(",\"reason\":");
        string(b, reason);
        return bytes(b.append(",\"reconnectAfterMs\":").append(reconnectAfterMs).append('}'));
    }

    /** A JSON envelope {@code {type, at, ...}} for messages the engine itself publishes. */
    public static String envelope(String type, Instant at, String fieldsJsonWithoutBraces) {
        var b = new StringBuilder(64 + fieldsJsonWithoutBraces.length());
        b.append("{\"type\":");
        string(b, type);
        b.append(",\"at\":\"").append(at).append('"');
        if (!fieldsJsonWithoutBraces.isEmpty()) {
            b.append(',').append(fieldsJsonWithoutBraces);
        }
        return b.append('}').toString();
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static byte[] bytes(StringBuilder b) {
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
