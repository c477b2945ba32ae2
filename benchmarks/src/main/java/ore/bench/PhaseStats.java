package ore.bench;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase of {@link AuthLoad} measured: every request's outcome (an HTTP status, or the kind
 * of failure when there was no response) and the latency of those that got a response, in an
 * HdrHistogram (microseconds, three significant digits, so p99 and max are exact enough and
 * recording never allocates per request).
 */
final class PhaseStats {

    private final String name;
    private final int concurrency;
    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private volatile long elapsedNanos;

    PhaseStats(String name, int concurrency) {
        this.name = name;
        this.concurrency = concurrency;
    }

    /** A response with this status after {@code nanos}. */
    void response(int status, long nanos) {
        latencyMicros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
        count(Integer.toString(status));
    }

    /** No response: a timeout, a refused connection... */
    void failure(String kind) {
        count(kind);
    }

    void finish(long elapsedNanos) {
        this.elapsedNanos = elapsedNanos;
    }

    long requests() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long ok() {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    void print(PrintStream out) {
        double seconds = elapsedNanos / 1e9;
        long requests = requests();
        long ok = ok();
        Map<String, Long> errors = new TreeMap<>();
        outcomes.forEach((outcome, n) -> {
            if (!outcome.startsWith("2")) {
                errors.put(outcome, n.sum());
            }
        });
        out.printf("%n== %s: %d workers, %.1f s%n", name, concurrency, seconds);
        out.printf("  requests     %d (2xx %d)%n", requests, ok);
        out.printf("  errors       %d %s%n", requests - ok, errors.isEmpty() ? "" : errors);
        out.printf("  throughput   %.1f req/s (2xx %.1f req/s)%n", requests / seconds, ok / seconds);
        if (latencyMicros.getTotalCount() > 0) {
            out.printf("  latency ms   p50 %.2f   p90 %.2f   p99 %.2f   max %.2f%n",
                    ms(latencyMicros.getValueAtPercentile(50)), ms(latencyMicros.getValueAtPercentile(90)),
                    ms(latencyMicros.getValueAtPercentile(99)), ms(latencyMicros.getMaxValue()));
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
