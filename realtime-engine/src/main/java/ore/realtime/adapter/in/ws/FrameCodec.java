package ore.realtime.adapter.in.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import ore.realtime.app.Request;

/**
 * Reads a request frame ({@code {"id": <n>, "type": "...", ...}}) with a streaming parser: no tree,
 * no reflection. Unknown members are ignored (newer clients may send more), duplicate members are an
 * error, {@code data} is kept as raw JSON text.
 */
final class FrameCodec {

    /** A frame that is not a request; the message tells the client developer why. */
    static final class Malformed extends Exception {
        private final long id;

        Malformed(String message) {
            this(message, 0);
        }

        Malformed(String message, long id) {
            super(message, null, false, false);
            this.id = id;
        }

        /** The request's id when it could be read before the problem, else 0. */
        long id() {
            return id;
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final long MAX_ID = 1L << 53;

    private FrameCodec() {
    }

    static Request parse(String text) throws Malformed {
        long id = -1;
        String type = null;
        String channel = null;
        Long offset = null;
        String epoch = null;
        String token = null;
        String data = null;
        Integer limit = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("A frame must be a JSON object.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> id = integer(p, value, "id");
                    case "type" -> type = text(p, value, "type");
                    case "channel" -> channel = text(p, value, "channel");
                    case "offset" -> offset = integer(p, value, "offset");
                    case "epoch" -> epoch = text(p, value, "epoch");
                    case "token" -> token = text(p, value, "token");
                    case "limit" -> limit = (int) Math.min(Integer.MAX_VALUE, integer(p, value, "limit"));
                    case "data" -> data = raw(p);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new Malformed("Only one JSON object per frame.");
            }
        } catch (IOException e) {
            throw new Malformed("Not valid JSON.", validId(id));
        } catch (Malformed e) {
            throw new Malformed(e.getMessage(), validId(id));
        }
        if (id < 1 || id > MAX_ID) {
            throw new Malformed("A request needs an \"id\": an integer from 1 to 2^53.");
        }
        if (type == null || type.isEmpty()) {
            throw new Malformed("A request needs a \"type\".", id);
        }
        return new Request(id, type, channel, offset, epoch, token, data, limit);
    }

    private static long validId(long id) {
        return id >= 1 && id <= MAX_ID ? id : 0;
    }

    private static long integer(JsonParser p, JsonToken value, String field) throws IOException, Malformed {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new Malformed("\"" + field + "\" must be a non-negative integer.");
        }
        long v = p.getLongValue();
        if (v < 0) {
            throw new Malformed("\"" + field + "\" must be a non-negative integer.");
        }
        return v;
    }

    private static String text(JsonParser p, JsonToken value, String field) throws IOException, Malformed {
        if (value != JsonToken.VALUE_STRING) {
            throw new Malformed("\"" + field + "\" must be a string.");
        }
        return p.getText();
    }

    private static String raw(JsonParser p) throws IOException {
        var out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }
}
