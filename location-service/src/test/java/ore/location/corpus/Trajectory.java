package ore.location.corpus;

import java.util.List;
import ore.location.domain.fix.Fix;

/**
 * One generated trajectory: the fixes a device reports and, for each, where the device really is.
 *
 * @param pattern   the corpus pattern it belongs to (e.g. {@code honest_walking}, {@code chained_jumps})
 * @param spoofer   whether the reported positions are (from {@code cheatFrom} on) fake
 * @param fixes     what the device reports, oldest first, timestamps relative to 0 (shift before sending)
 * @param truth     the device's real position at each fix, {lat, lon}
 * @param cheatFrom index of the first fake fix (fixes before it are the device's real, honest history)
 */
public record Trajectory(String pattern, boolean spoofer, List<Fix> fixes, List<double[]> truth, int cheatFrom) {

    public Trajectory {
        if (fixes.size() != truth.size()) {
            throw new IllegalArgumentException("one true position per fix");
        }
        fixes = List.copyOf(fixes);
        truth = List.copyOf(truth);
    }

    /** The same trajectory with timestamps moved so that the last fix is stamped {@code lastTs}. */
    public List<Fix> endingAt(long lastTs) {
        long shift = lastTs - fixes.getLast().tsMillis();
        return fixes.stream().map(f -> new Fix(f.lat(), f.lon(), f.accuracyM(), f.tsMillis() + shift, f.speedMps(),
                f.headingDeg())).toList();
    }
}
