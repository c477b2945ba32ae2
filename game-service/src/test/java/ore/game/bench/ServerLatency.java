package ore.game.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's own view of mining latency: its {@code http_server_requests_seconds} histogram for
 * {@code POST /api/game/mine} answered 200, read from {@code /metrics} before and after a phase. Next
 * to the generator's figures (from the planned start, generator and network included) it shows how
 * much of the latency the service itself spends between reading a request and writing the answer.
 * Bucket bounds, not exact values: "p99 ≤ 0.112 s" means the bucket that holds the 99th percentile.
 */
final class ServerLatency {

    private static final Pattern BUCKET = Pattern.compile(
            "^http_server_requests_seconds_bucket\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private ServerLatency() {
    }

    /** Cumulative count of successful mines per bucket upper bound (seconds). */
    static Map<Double, Double> snapshot(HttpClient http, String base) {
        var buckets = new TreeMap<Double, Double>();
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = BUCKET.matcher(text);
            while (m.find()) {
                String labels = m.group(1);
                if (!labels.contains("uri=\"/api/game/mine\"") || !labels.contains("status=\"200\"")) {
                    continue;
                }
                Matcher le = LE.matcher(labels);
                if (le.find()) {
                    double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    buckets.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
                }
            }
        } catch (Exception e) {
            System.out.println("service metrics not read: " + e);
        }
        return buckets;
    }

    static void report(Map<Double, Double> before, Map<Double, Double> after) {
        if (after.isEmpty()) {
            return;
        }
        var delta = new TreeMap<Double, Double>();
        after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
        double total = delta.lastEntry().getValue();
        if (total <= 0) {
            return;
        }
        var sb = new StringBuilder("service-side latency (its http.server.requests histogram), ms:");
        for (double p : new double[] {0.50, 0.90, 0.99}) {
            double bound = delta.entrySet().stream().filter(e -> e.getValue() >= p * total).findFirst()
                    .map(Map.Entry::getKey).orElse(Double.POSITIVE_INFINITY);
            sb.append(String.format(Locale.ROOT, "  p%.0f ≤ %.1f", p * 100, bound * 1000));
        }
        System.out.println(sb);
    }
}
