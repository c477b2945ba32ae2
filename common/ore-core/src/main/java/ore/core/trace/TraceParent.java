package ore.core.trace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} value (version 00): trace id, parent span id and flags.
 *
 * <p>The same value travels in the {@code traceparent} HTTP header and in the Kafka event envelope,
 * so a request and every event it causes share one trace id. Malformed input never throws: callers
 * {@link #parse} and start a new trace when the result is empty, as the specification asks.
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public TraceParent {
        if (traceId == null || !traceId.matches("[0-9a-f]{32}") || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("trace id must be 32 lower-case hex digits, not all zero");
        }
        if (spanId == null || !spanId.matches("[0-9a-f]{16}") || spanId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("span id must be 16 lower-case hex digits, not all zero");
        }
    }

    /** Parses a header value; empty when absent or not a valid version-00 traceparent. */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(header.trim());
        if (!m.matches() || m.group(1).equals(ZERO_TRACE) || m.group(2).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(m.group(3), 16) & 1) == 1;
        return Optional.of(new TraceParent(m.group(1), m.group(2), sampled));
    }

    /** Starts a new trace (no incoming context). */
    public static TraceParent newTrace() {
        return new TraceParent(randomHex(16), randomHex(8), true);
    }

    /** The same trace with a new span id: what this service passes on to the next hop. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), sampled);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    @Override
    public String toString() {
        return header();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(b);
            hex = HEX.formatHex(b);
        } while (hex.chars().allMatch(c -> c == '0'));
        return hex;
    }
}
