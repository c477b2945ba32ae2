package ore.location.domain.anticheat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.Reason;
import ore.location.domain.geo.GeoMath;

/**
 * The physics rules: what a phone carried by a person can and cannot report. Each rule looks at the
 * new fix and the player's recent accepted fixes (oldest first) and may add one reason. They run on
 * every fix, whether or not the model is available, and take microseconds.
 *
 * <p>Implied speed forgives the two fixes' accuracy radii (GPS noise is not movement), capped by
 * {@code accuracySlackCapM} so that a client claiming a huge radius cannot hide a jump.
 *
 * <p>The speed rules measure from every fix of the recent window, not only from the previous one.
 * Forgiving the accuracy radii per step would let a chain of small jumps, each within the claimed
 * radii of its neighbours, carry a spoofer any distance (20 steps of 110 m a second apart with 50 m
 * accuracy: 400 km/h, every step "within noise"). Measured from an older anchor the radii are
 * forgiven once over the whole span, so the chain shows its real speed after two steps.
 */
public final class PhysicsRules {

    /** Largest change of direction between segments that still counts as a scripted straight line. */
    static final double ROBOTIC_MAX_TURN_DEG = 2.0;

    private final AntiCheatPolicy policy;

    public PhysicsRules(AntiCheatPolicy policy) {
        this.policy = policy;
    }

    public Set<Reason> evaluate(List<Fix> recent, Fix fix) {
        EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
        accuracy(fix, reasons);
        if (!recent.isEmpty()) {
            speed(recent, fix, reasons);
        }
        if (recent.size() >= 2) {
            acceleration(recent.get(recent.size() - 2), recent.getLast(), fix, reasons);
        }
        repeated(recent, fix, reasons);
        if (recent.size() >= policy.patternMinSegments()) {
            jitter(recent, fix, reasons);
        }
        if (recent.size() >= policy.roboticSegments()) {
            robotic(recent, fix, reasons);
        }
        return reasons;
    }

    /** Metres per second between two fixes, after forgiving their accuracy (see the class comment). */
    double impliedSpeedMps(Fix from, Fix to) {
        double distance = GeoMath.distanceM(from.lat(), from.lon(), to.lat(), to.lon());
        double slack = Math.min(from.accuracyM() + to.accuracyM(), policy.accuracySlackCapM());
        double seconds = Math.max(1.0, (to.tsMillis() - from.tsMillis()) / 1000.0);
        return Math.max(0.0, distance - slack) / seconds;
    }

    private void accuracy(Fix fix, Set<Reason> reasons) {
        if (fix.accuracyM() < policy.minPlausibleAccuracyM()) {
            reasons.add(Reason.IMPOSSIBLE_ACCURACY);
        } else if (fix.accuracyM() > policy.maxUsefulAccuracyM()) {
            reasons.add(Reason.LOW_ACCURACY);
        }
    }

    /** The highest implied speed from any fix of the window to the new one (see the class comment). */
    double windowSpeedMps(List<Fix> recent, Fix fix) {
        double max = 0;
        for (int i = recent.size() - 1; i >= 0; i--) {
            Fix anchor = recent.get(i);
            if (anchor.tsMillis() >= fix.tsMillis()) {
                continue;
            }
            max = Math.max(max, impliedSpeedMps(anchor, fix));
        }
        return max;
    }

    private void speed(List<Fix> recent, Fix fix, Set<Reason> reasons) {
        double speed = windowSpeedMps(recent, fix);
        if (speed > policy.teleportSpeedMps()) {
            reasons.add(Reason.TELEPORT);
        } else if (speed > policy.suspiciousSpeedMps()) {
            reasons.add(Reason.TOO_FAST);
        }
    }

    private void acceleration(Fix first, Fix previous, Fix fix, Set<Reason> reasons) {
        double before = impliedSpeedMps(first, previous);
        double now = impliedSpeedMps(previous, fix);
        double seconds = Math.max(1.0, (fix.tsMillis() - previous.tsMillis()) / 1000.0);
        if (Math.abs(now - before) / seconds > policy.maxAccelerationMps2()) {
            reasons.add(Reason.ACCELERATION);
        }
    }

    /** Mock-location apps replay one coordinate; a real receiver never reports the same bits for long. */
    private void repeated(List<Fix> recent, Fix fix, Set<Reason> reasons) {
        int same = 1;
        for (int i = recent.size() - 1; i >= 0 && recent.get(i).samePositionAs(fix); i--) {
            same++;
        }
        if (same >= policy.repeatedFixCount()) {
            reasons.add(Reason.REPEATED_FIX);
        }
    }

    /**
     * Synthetic jitter (independent random offsets around a point) makes each step undo the previous
     * one: successive direction changes average a cosine near −0.5. Real tracks are smoothed by the
     * phone's filter and stay positive. Only steps larger than 1.5× the claimed accuracy count, so
     * noise the device itself admits to is left alone.
     */
    private void jitter(List<Fix> recent, Fix fix, Set<Reason> reasons) {
        double sumCos = 0;
        int turns = 0;
        double previousBearing = Double.NaN;
        double stepSum = 0;
        double accuracySum = 0;
        int steps = 0;
        for (int i = recent.size() - policy.patternMinSegments(); i <= recent.size() - 1; i++) {
            Fix a = recent.get(i);
            Fix b = i + 1 < recent.size() ? recent.get(i + 1) : fix;
            double d = GeoMath.distanceM(a.lat(), a.lon(), b.lat(), b.lon());
            if (d == 0) {
                continue;
            }
            stepSum += d;
            accuracySum += b.accuracyM();
            steps++;
            double bearing = GeoMath.bearingDeg(a.lat(), a.lon(), b.lat(), b.lon());
            if (!Double.isNaN(previousBearing)) {
                sumCos += Math.cos(Math.toRadians(GeoMath.bearingChangeDeg(previousBearing, bearing)));
                turns++;
            }
            previousBearing = bearing;
        }
        if (turns >= policy.patternMinSegments() - 2 && stepSum / steps > 1.5 * accuracySum / steps
                && sumCos / turns <= policy.jitterMaxMeanCos()) {
            reasons.add(Reason.JITTER);
        }
    }

    /**
     * Scripted routes move in straight lines at a constant speed; GPS noise alone makes real segment
     * speeds and directions vary. Judged on few segments (see {@code roboticSegments}), so both must
     * hold: a steady speed and no turn above {@link #ROBOTIC_MAX_TURN_DEG} between the segments (a
     * real walk at an even pace still wanders by more than that).
     */
    private void robotic(List<Fix> recent, Fix fix, Set<Reason> reasons) {
        int n = policy.roboticSegments();
        double[] speeds = new double[n];
        double previousBearing = Double.NaN;
        for (int k = 0; k < n; k++) {
            int i = recent.size() - n + k;
            Fix a = recent.get(i);
            Fix b = i + 1 < recent.size() ? recent.get(i + 1) : fix;
            double seconds = (b.tsMillis() - a.tsMillis()) / 1000.0;
            if (seconds <= 0) {
                return;
            }
            speeds[k] = GeoMath.distanceM(a.lat(), a.lon(), b.lat(), b.lon()) / seconds;
            double bearing = GeoMath.bearingDeg(a.lat(), a.lon(), b.lat(), b.lon());
            if (!Double.isNaN(previousBearing)
                    && Math.abs(GeoMath.bearingChangeDeg(previousBearing, bearing)) > ROBOTIC_MAX_TURN_DEG) {
                return;
            }
            previousBearing = bearing;
        }
        double mean = 0;
        for (double s : speeds) {
            mean += s;
        }
        mean /= n;
        if (mean < policy.roboticMinSpeedMps()) {
            return;
        }
        double variance = 0;
        for (double s : speeds) {
            variance += (s - mean) * (s - mean);
        }
        double cv = Math.sqrt(variance / n) / mean;
        if (cv <= policy.roboticMaxSpeedCv()) {
            reasons.add(Reason.ROBOTIC_MOTION);
        }
    }
}
