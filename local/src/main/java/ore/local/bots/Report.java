package ore.local.bots;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The figures of a run (an immutable snapshot of {@link Metrics}) and their rendering as text. */
public final class Report {

    private Report() {
    }

    /** Latency of one endpoint in milliseconds, and the HTTP statuses it answered. */
    public record Latency(long count, double p50, double p95, double p99, double max, Map<String, Long> statuses) {

        public static final Latency NONE = new Latency(0, 0, 0, 0, 0, Map.of());

        public Latency {
            statuses = Map.copyOf(statuses);
        }
    }

    /** One kind of unexpected error: how often, and the first occurrence in words. */
    public record ErrorKind(long count, String example) {
    }

    public record Snapshot(int players, long signedIn, long walletsLinked, Duration playTime, Duration elapsed,
                           long fixesSent, long fixesTrusted, long fixesSuspicious, long fixesRejected, long batches,
                           long nodeLists, long mines, long oreMined, long claims, long payoutsConfirmed,
                           long payoutsSeenByPush, long pushes, long throttled, long refusals, long errors,
                           Map<String, Long> refusalCodes, Map<String, Long> throttledBy,
                           Map<String, Long> suspiciousReasons, Map<String, Long> pushTypes,
                           Map<String, Latency> endpoints, Latency claimToPaid, Map<String, ErrorKind> errorKinds) {

        public Snapshot {
            refusalCodes = new TreeMap<>(refusalCodes);
            throttledBy = new TreeMap<>(throttledBy);
            suspiciousReasons = new TreeMap<>(suspiciousReasons);
            pushTypes = new TreeMap<>(pushTypes);
            endpoints = new TreeMap<>(endpoints);
            errorKinds = new TreeMap<>(errorKinds);
        }

        /** 0 when nobody saw an unexpected error, else 1. */
        public int exitCode() {
            return errors == 0 ? 0 : 1;
        }
    }

    /** Per second of play time. */
    static double rate(long count, Duration playTime) {
        double s = playTime.toMillis() / 1000.0;
        return s <= 0 ? 0 : count / s;
    }

    public static String render(Snapshot s) {
        StringBuilder out = new StringBuilder();
        double play = s.playTime().toMillis() / 1000.0;
        line(out, "ore-bots report: %d players, %.0f s of play, %.0f s in all", s.players(), play,
                s.elapsed().toMillis() / 1000.0);
        line(out, "  players      %d signed in, %d wallets linked", s.signedIn(), s.walletsLinked());
        line(out, "  fixes        %d sent in %d batches (%.1f/s): %d trusted, %d suspicious, %d rejected",
                s.fixesSent(), s.batches(), rate(s.fixesSent(), s.playTime()), s.fixesTrusted(), s.fixesSuspicious(),
                s.fixesRejected());
        if (!s.suspiciousReasons().isEmpty()) {
            line(out, "               suspicious/rejected reasons: %s", counts(s.suspiciousReasons()));
        }
        line(out, "  nodes        %d listings", s.nodeLists());
        line(out, "  mines        %d (%.2f/s), %d ore", s.mines(), rate(s.mines(), s.playTime()), s.oreMined());
        line(out, "  claims       %d, payouts confirmed %d (%d seen first on the socket)", s.claims(),
                s.payoutsConfirmed(), s.payoutsSeenByPush());
        if (s.claimToPaid().count() > 0) {
            line(out, "               claim → paid: p50 %.0f ms, p95 %.0f ms, max %.0f ms", s.claimToPaid().p50(),
                    s.claimToPaid().p95(), s.claimToPaid().max());
        }
        line(out, "  pushes       %d%s", s.pushes(), s.pushTypes().isEmpty() ? "" : ": " + counts(s.pushTypes()));
        line(out, "  refusals     %d (expected)%s", s.refusals(),
                s.refusalCodes().isEmpty() ? "" : ": " + counts(s.refusalCodes()));
        line(out, "  throttled    %d (429 / 503, backed off)%s", s.throttled(),
                s.throttledBy().isEmpty() ? "" : ": " + counts(s.throttledBy()));
        line(out, "  errors       %d", s.errors());
        s.errorKinds().forEach((kind, e) -> line(out, "    %6d × %s — e.g. %s", e.count(), kind, e.example()));
        if (!s.endpoints().isEmpty()) {
            line(out, "  latency (ms)                        calls      p50      p95      p99      max  statuses");
            s.endpoints().forEach((name, l) -> line(out, "    %-32s %8d %8.1f %8.1f %8.1f %8.1f  %s", name, l.count(),
                    l.p50(), l.p95(), l.p99(), l.max(), counts(new TreeMap<>(l.statuses()))));
        }
        line(out, "  result       %s", s.errors() == 0 ? "OK (exit 0)" : "UNEXPECTED ERRORS (exit 1)");
        return out.toString();
    }

    private static String counts(Map<String, Long> map) {
        StringBuilder sb = new StringBuilder();
        map.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" ×").append(v));
        return sb.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** The live one-liner (stderr, redrawn with \r every 2 s). */
    public static String progress(long elapsedS, int active, int players, double fixesPerS, long mines, long claims,
                                  long paid, long throttled, long errors, double p99Ms) {
        return String.format(Locale.ROOT,
                "[ore-bots %4ds] players %d/%d | fixes %.1f/s | mines %d | claims %d | paid %d | throttled %d | errors %d | p99 %.0f ms",
                elapsedS, active, players, fixesPerS, mines, claims, paid, throttled, errors, p99Ms);
    }
}
