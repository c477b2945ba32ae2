package ore.location.domain.anticheat;

import java.time.Duration;

/**
 * The thresholds of the checks and physics rules. Defaults suit a walking game played on phones;
 * every value is configurable ({@code ore.location.anticheat.*}).
 *
 * @param maxAge               fixes measured longer ago than this are {@code stale}
 * @param maxFutureSkew        fixes stamped further ahead of the server clock than this are {@code future}
 * @param maxAccuracyM         larger reported accuracy radii are {@code invalid_accuracy}
 * @param maxReportedSpeedMps  larger reported speeds are {@code invalid_speed}
 * @param teleportSpeedMps     implied speed above which a fix is rejected as {@code teleport}
 * @param suspiciousSpeedMps   implied speed above which a fix is {@code too_fast}
 * @param accuracySlackCapM    at most this much of the two fixes' accuracy radii is forgiven when
 *                             computing implied speed, so a fake huge accuracy cannot hide a jump
 * @param maxAccelerationMps2  change of implied speed per second above which a fix is {@code acceleration}
 * @param minPlausibleAccuracyM accuracy radii below this are {@code impossible_accuracy} (phones do not get there)
 * @param maxUsefulAccuracyM   accuracy radii above this are {@code low_accuracy}
 * @param repeatedFixCount     this many bit-identical positions in a row are {@code repeated_fix}
 * @param patternMinSegments   movement segments needed before the pattern rules ({@code jitter},
 *                             {@code robotic_motion}) judge anything
 * @param jitterMaxMeanCos     mean cosine of successive direction changes at or below which the track
 *                             is {@code jitter} (independent random offsets give about −0.5,
 *                             smoothed real tracks stay above 0)
 * @param roboticMaxSpeedCv    coefficient of variation of segment speeds at or below which steady
 *                             movement is {@code robotic_motion}
 * @param roboticMinSpeedMps   the robotic rule only looks at tracks moving at least this fast
 * @param roboticSegments      movement segments the robotic rule looks at (fewer than the other pattern
 *                             rules: a scripted route must be caught before it has carried the player
 *                             far from where they really are)
 */
public record AntiCheatPolicy(
        Duration maxAge,
        Duration maxFutureSkew,
        double maxAccuracyM,
        double maxReportedSpeedMps,
        double teleportSpeedMps,
        double suspiciousSpeedMps,
        double accuracySlackCapM,
        double maxAccelerationMps2,
        double minPlausibleAccuracyM,
        double maxUsefulAccuracyM,
        int repeatedFixCount,
        int patternMinSegments,
        double jitterMaxMeanCos,
        double roboticMaxSpeedCv,
        double roboticMinSpeedMps,
        int roboticSegments) {

    public AntiCheatPolicy {
        if (maxAge.isNegative() || maxAge.isZero() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxAge must be positive and maxFutureSkew not negative");
        }
        if (!(suspiciousSpeedMps > 0 && teleportSpeedMps > suspiciousSpeedMps)) {
            throw new IllegalArgumentException("need 0 < suspiciousSpeedMps < teleportSpeedMps");
        }
        if (repeatedFixCount < 2 || patternMinSegments < 3) {
            throw new IllegalArgumentException("repeatedFixCount must be >= 2 and patternMinSegments >= 3");
        }
        if (roboticSegments < 3 || roboticSegments >= ore.location.domain.fix.PlayerTrack.WINDOW) {
            throw new IllegalArgumentException("roboticSegments must be 3.." + (ore.location.domain.fix.PlayerTrack.WINDOW - 1));
        }
        if (patternMinSegments >= ore.location.domain.fix.PlayerTrack.WINDOW) {
            throw new IllegalArgumentException("patternMinSegments must be below the track window ("
                    + ore.location.domain.fix.PlayerTrack.WINDOW + ")");
        }
    }

    public static AntiCheatPolicy defaults() {
        return new AntiCheatPolicy(Duration.ofMinutes(10), Duration.ofSeconds(30), 10_000, 300,
                50, 15, 100, 12, 1.0, 250, 5, 8, -0.4, 0.02, 0.5, 3);
    }
}
