package ore.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an ORE access token as auth-service writes it, before any signature check: a JWS in compact
 * serialization ({@code header.payload.signature}, RFC 7515 §7.1) with the header
 * {@code {"alg":"ES256","kid":…,"typ":"at+jwt"}} and a JSON object of claims. Anything else is not an
 * access token and is refused here, at the cost of a split and two small JSON reads:
 * <ul>
 *   <li>not exactly three non-empty parts (a JWE has five; a token with its signature stripped
 *       ends in a dot), characters outside unpadded base64url, a signature that is not the 64 bytes
 *       of an ES256 {@code R || S};</li>
 *   <li>{@code alg} other than {@code ES256} ({@code none}, {@code HS256}, {@code RS256}…), {@code typ}
 *       other than {@code at+jwt}, no {@code kid}, or any {@code crit} or {@code b64} header: ORE
 *       defines no extension a verifier would have to understand;</li>
 *   <li>JSON that repeats a member name (two parsers could read two different tokens from it), a
 *       header or payload that is not an object, registered time claims that are not numbers, an
 *       {@code iss} or {@code sub} that is not a string.</li>
 * </ul>
 * Time claims come out as {@link Date}, as the JWT libraries hand them to claim validators.
 */
public final class AccessTokenReader {

    /** Far above any token auth-service issues (~600 bytes), below any header size limit. */
    public static final int MAX_LENGTH = 8192;
    private static final int ES256_SIGNATURE_BYTES = 64;
    private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");
    private static final List<String> STRING_CLAIMS = List.of("iss", "sub", "jti");
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * A token that passed the structural checks, not yet verified.
     *
     * @param token        the token as received
     * @param kid          the key id of the header
     * @param signingInput the ASCII bytes of {@code header.payload}, what the signature covers
     * @param signature    the 64-byte {@code R || S} signature (IEEE P1363 form)
     * @param claims       the payload's members; {@code exp}, {@code nbf}, {@code iat} as {@link Date}
     */
    public record Parsed(String token, String kid, byte[] signingInput, byte[] signature, Map<String, Object> claims) {

        @Override
        public String toString() {
            return "Parsed[kid=" + kid + ", claims=" + claims.keySet() + "]";
        }

        /** {@code exp} in epoch milliseconds, or {@link Long#MIN_VALUE} without one. */
        public long expiresAtMillis() {
            return claims.get("exp") instanceof Date d ? d.getTime() : Long.MIN_VALUE;
        }
    }

    private AccessTokenReader() {
    }

    /** The token's parts when it is shaped like an ORE access token; empty (never an exception) otherwise. */
    public static Optional<Parsed> read(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        byte[] header = base64url(token, 0, first);
        byte[] payload = base64url(token, first + 1, second);
        byte[] signature = base64url(token, second + 1, token.length());
        if (header == null || payload == null || signature == null || signature.length != ES256_SIGNATURE_BYTES) {
            return Optional.empty();
        }
        Map<String, Object> h = object(header);
        if (h == null || !"ES256".equals(h.get("alg")) || !(h.get("typ") instanceof String typ)
                || !typ.equalsIgnoreCase("at+jwt") || !(h.get("kid") instanceof String kid) || kid.isEmpty()
                || h.containsKey("crit") || h.containsKey("b64")) {
            return Optional.empty();
        }
        Map<String, Object> claims = object(payload);
        if (claims == null || !timesAndStrings(claims)) {
            return Optional.empty();
        }
        byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new Parsed(token, kid, signingInput, signature, Collections.unmodifiableMap(claims)));
    }

    /** Turns {@code exp}/{@code nbf}/{@code iat} into dates; false when one is not a number or a string claim is not a string. */
    private static boolean timesAndStrings(Map<String, Object> claims) {
        for (String name : TIME_CLAIMS) {
            Object v = claims.get(name);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Number n)) {
                return false;
            }
            double seconds = n.doubleValue();
            if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e11) {
                return false;
            }
            claims.put(name, new Date((long) (seconds * 1000)));
        }
        for (String name : STRING_CLAIMS) {
            Object v = claims.get(name);
            if (v != null && !(v instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Unpadded base64url only (RFC 7515 §2): padding, '+', '/', whitespace are refused. */
    private static byte[] base64url(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        if ((to - from) % 4 == 1) {
            return null;
        }
        try {
            return BASE64URL.decode(s.substring(from, to));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A JSON object as a map (strings, numbers as Long or Double, booleans, lists, maps, null); null when not one. */
    private static Map<String, Object> object(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> result = readObject(p, 0);
            return p.nextToken() == null ? result : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static final int MAX_DEPTH = 16;

    private static Map<String, Object> readObject(JsonParser p, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, value(p, depth + 1));
        }
        return map;
    }

    private static Object value(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("nested too deeply");
        }
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDecimalValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> readObject(p, depth);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, depth + 1));
                }
                yield list;
            }
            default -> throw new IOException("unexpected " + p.currentToken());
        };
    }
}
