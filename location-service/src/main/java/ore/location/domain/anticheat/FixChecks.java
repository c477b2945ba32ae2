package ore.location.domain.anticheat;

import java.time.Instant;
import java.util.Optional;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.PlayerTrack;
import ore.location.domain.fix.Reason;
import ore.location.domain.geo.GeoMath;

/**
 * Checks a fix must pass before the physics rules look at it: values in range, a timestamp inside
 * the accepted window around the server clock, and newer than everything already judged for the
 * player (which is also what makes a batch sent twice harmless: its fixes come back {@code duplicate}).
 */
public final class FixChecks {

    private final AntiCheatPolicy policy;

    public FixChecks(AntiCheatPolicy policy) {
        this.policy = policy;
    }

    /** The reason the fix cannot be judged, or empty when it can. */
    public Optional<Reason> check(Fix fix, PlayerTrack track, Instant now) {
        Reason invalid = invalidValue(fix);
        if (invalid != null) {
            return Optional.of(invalid);
        }
        long nowMs = now.toEpochMilli();
        if (fix.tsMillis() > nowMs + policy.maxFutureSkew().toMillis()) {
            return Optional.of(Reason.FUTURE);
        }
        if (fix.tsMillis() < nowMs - policy.maxAge().toMillis()) {
            return Optional.of(Reason.STALE);
        }
        if (track.wasJudged(fix.tsMillis())) {
            return Optional.of(Reason.DUPLICATE);
        }
        if (fix.tsMillis() <= track.lastJudgedTs()) {
            return Optional.of(Reason.OUT_OF_ORDER);
        }
        return Optional.empty();
    }

    private Reason invalidValue(Fix fix) {
        if (!GeoMath.validLat(fix.lat())) {
            return Reason.INVALID_LAT;
        }
        if (!GeoMath.validLon(fix.lon())) {
            return Reason.INVALID_LON;
        }
        if (!Double.isFinite(fix.accuracyM()) || fix.accuracyM() <= 0 || fix.accuracyM() > policy.maxAccuracyM()) {
            return Reason.INVALID_ACCURACY;
        }
        if (fix.hasSpeed() && (Double.isInfinite(fix.speedMps()) || fix.speedMps() < 0
                || fix.speedMps() > policy.maxReportedSpeedMps())) {
            return Reason.INVALID_SPEED;
        }
        if (fix.hasHeading() && (Double.isInfinite(fix.headingDeg()) || fix.headingDeg() < 0
                || fix.headingDeg() >= 360)) {
            return Reason.INVALID_HEADING;
        }
        return null;
    }
}
