package ore.local.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the router, and the {@code X-Forwarded-*} headers it adds, the way the ALB does:
 * the client's address is appended to any {@code X-Forwarded-For} the client sent, so a service that
 * trusts exactly one proxy (ORE_RATE_LIMIT_TRUSTED_PROXIES=1) reads the address the router saw.
 */
public final class ForwardingHeaders {

    /**
     * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and must not be forwarded;
     * {@code Host}, {@code Content-Length} and {@code Expect} are set by the HTTP client for the new
     * connection (java.net.http refuses them anyway).
     */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

    private ForwardingHeaders() {
    }

    public static boolean isForwardable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !NOT_FORWARDED.contains(lower) && !lower.startsWith(":");
    }

    /** The request headers to send upstream: the forwardable ones, plus the X-Forwarded-* set. */
    public static Map<String, List<String>> upstreamRequest(Map<String, List<String>> incoming, String clientAddress) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> priorForwardedFor = new ArrayList<>();
        String host = null;
        for (var header : incoming.entrySet()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            switch (lower) {
                case "x-forwarded-for" -> priorForwardedFor.addAll(header.getValue());
                case "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port" -> {
                    // The router is the edge: whatever a client claims about the edge is replaced.
                }
                case "host" -> host = header.getValue().isEmpty() ? null : header.getValue().getFirst();
                default -> {
                    if (isForwardable(lower)) {
                        out.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).addAll(header.getValue());
                    }
                }
            }
        }
        out.put("X-Forwarded-For", List.of(appendForwardedFor(priorForwardedFor, clientAddress)));
        out.put("X-Forwarded-Proto", List.of("http"));
        if (host != null) {
            out.put("X-Forwarded-Host", List.of(host));
        }
        return out;
    }

    /** {@code client, proxy1, ..., clientAddress}: existing entries kept in order, ours last. */
    public static String appendForwardedFor(List<String> prior, String clientAddress) {
        List<String> hops = new ArrayList<>();
        for (String value : prior) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        hops.add(clientAddress);
        return String.join(", ", hops);
    }

    /** The response headers to send back to the client. */
    public static Map<String, List<String>> downstreamResponse(Map<String, List<String>> upstream) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        upstream.forEach((name, values) -> {
            if (isForwardable(name)) {
                out.put(name, List.copyOf(values));
            }
        });
        return out;
    }
}
