package ore.local.bots;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What every bot counts, shared and thread-safe; {@link #snapshot} freezes it for the report. */
public final class Metrics {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);

    final AtomicInteger active = new AtomicInteger();
    final LongAdder signedIn = new LongAdder();
    final LongAdder walletsLinked = new LongAdder();
    final LongAdder fixesSent = new LongAdder();
    final LongAdder fixesTrusted = new LongAdder();
    final LongAdder fixesSuspicious = new LongAdder();
    final LongAdder fixesRejected = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder nodeLists = new LongAdder();
    final LongAdder mines = new LongAdder();
    final LongAdder oreMined = new LongAdder();
    final LongAdder claims = new LongAdder();
    final LongAdder payoutsConfirmed = new LongAdder();
    final LongAdder payoutsSeenByPush = new LongAdder();
    final LongAdder pushes = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder refusals = new LongAdder();
    final LongAdder errors = new LongAdder();

    private final Map<String, LongAdder> refusalCodes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttledBy = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> suspiciousReasons = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> pushTypes = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, ErrorCount> errorKinds = new ConcurrentHashMap<>();
    private final ConcurrentHistogram claimToPaidMs = new ConcurrentHistogram(TimeUnit.HOURS.toMillis(2), 3);
    private final Recorder interval = new Recorder(MAX_MICROS, 3);
    private Histogram intervalHistogram;

    private record Endpoint(ConcurrentHistogram micros, Map<String, LongAdder> statuses) {
    }

    private static final class ErrorCount {
        final LongAdder count = new LongAdder();
        final String example;

        ErrorCount(String example) {
            this.example = example;
        }
    }

    /** One HTTP exchange (or WebSocket upgrade) and how long it took. */
    public void latency(String endpoint, int status, long nanos) {
        latency(endpoint, Integer.toString(status), nanos);
    }

    /** The same with a status in words (a WebSocket request's {@code result} or {@code error}). */
    public void latency(String endpoint, String status, long nanos) {
        long micros = Math.max(1, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
        Endpoint e = endpoints.computeIfAbsent(endpoint, k -> new Endpoint(new ConcurrentHistogram(MAX_MICROS, 3),
                new ConcurrentHashMap<>()));
        e.micros().recordValue(micros);
        e.statuses().computeIfAbsent(status, k -> new LongAdder()).increment();
        interval.recordValue(micros);
    }

    /** An unexpected error: counted under its kind, the first one kept as the example. */
    public void error(String kind, String example) {
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new ErrorCount(example)).count.increment();
    }

    /** An expected refusal by the server (a depleted node, the cooldown). */
    public void refusal(String code) {
        refusals.increment();
        refusalCodes.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    /** A 429 or 503 the bot backed off from. */
    public void throttled(String endpoint, int status, String code) {
        throttled.increment();
        throttledBy.computeIfAbsent(endpoint + " " + status + (code == null ? "" : " " + code), k -> new LongAdder())
                .increment();
    }

    public void verdictReason(String reason) {
        suspiciousReasons.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    public void push(String type) {
        pushes.increment();
        pushTypes.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    public void claimPaidAfter(long millis) {
        claimToPaidMs.recordValue(Math.max(0, Math.min(TimeUnit.HOURS.toMillis(2), millis)));
    }

    /** p99 in ms of the calls since the last call of this method (the progress line's window). */
    public synchronized double intervalP99Ms() {
        intervalHistogram = interval.getIntervalHistogram(intervalHistogram);
        return intervalHistogram.getTotalCount() == 0 ? 0 : intervalHistogram.getValueAtPercentile(99) / 1000.0;
    }

    public long errorCount() {
        return errors.sum();
    }

    public Report.Snapshot snapshot(int players, Duration playTime, Duration elapsed) {
        Map<String, Report.Latency> latencies = new LinkedHashMap<>();
        endpoints.forEach((name, e) -> latencies.put(name, latency(e.micros(), 1000.0, sums(e.statuses()))));
        Map<String, Report.ErrorKind> kinds = new LinkedHashMap<>();
        errorKinds.forEach((k, v) -> kinds.put(k, new Report.ErrorKind(v.count.sum(), v.example)));
        return new Report.Snapshot(players, signedIn.sum(), walletsLinked.sum(), playTime, elapsed, fixesSent.sum(),
                fixesTrusted.sum(), fixesSuspicious.sum(), fixesRejected.sum(), batches.sum(), nodeLists.sum(),
                mines.sum(), oreMined.sum(), claims.sum(), payoutsConfirmed.sum(), payoutsSeenByPush.sum(), pushes.sum(),
                throttled.sum(), refusals.sum(), errors.sum(), sums(refusalCodes), sums(throttledBy),
                sums(suspiciousReasons), sums(pushTypes), latencies, latency(claimToPaidMs, 1.0, Map.of()), kinds);
    }

    private static Report.Latency latency(Histogram h, double perMs, Map<String, Long> statuses) {
        Histogram copy = h.copy();
        if (copy.getTotalCount() == 0) {
            return new Report.Latency(0, 0, 0, 0, 0, statuses);
        }
        return new Report.Latency(copy.getTotalCount(), copy.getValueAtPercentile(50) / perMs,
                copy.getValueAtPercentile(95) / perMs, copy.getValueAtPercentile(99) / perMs, copy.getMaxValue() / perMs,
                statuses);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
