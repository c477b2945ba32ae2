package ore.game.domain.mining;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import ore.game.domain.GameErrors;

/**
 * Whether a player may mine now, given where location-service last saw them and when they last
 * mined. The position checks come in the order a player can act on: a node in a no-play zone (never
 * minable), no position at all, the player in a no-play zone, a position too old, a position the
 * anti-cheat did not fully trust, a position too imprecise, then the distance.
 *
 * <p>Accuracy bound: the reported accuracy is a radius around the fix within which the device is
 * with about 68 % probability. For "within 40 m" to mean something that radius must be small next
 * to 40 m; the default bound is half of it (20 m), which any phone with a GPS fix outdoors reaches
 * (typically 3–10 m) while a network-only position (wifi or cell, 30 m and more) does not.
 *
 * @param maxDistanceM how close the last trusted position must be to the node (spec: 40 m)
 * @param maxFixAge    an older position is "stale": the player may have moved since
 * @param cooldown     the least time between two successful mines of one player
 * @param maxAccuracyM the largest accuracy radius a position may have to count for mining
 */
public record MiningRules(double maxDistanceM, Duration maxFixAge, Duration cooldown, double maxAccuracyM) {

    public MiningRules(double maxDistanceM, Duration maxFixAge, Duration cooldown) {
        this(maxDistanceM, maxFixAge, cooldown, maxDistanceM / 2);
    }

    public MiningRules {
        if (!(maxDistanceM > 0)) {
            throw new IllegalArgumentException("max distance must be positive: " + maxDistanceM);
        }
        if (!(maxAccuracyM > 0)) {
            throw new IllegalArgumentException("max accuracy must be positive: " + maxAccuracyM);
        }
        if (maxFixAge.isNegative() || maxFixAge.isZero() || cooldown.isNegative()) {
            throw new IllegalArgumentException("max fix age must be positive and cooldown not negative");
        }
    }

    /** Throws the refusal that applies, if any. */
    public void checkPosition(PositionCheck check) {
        if (check.targetInNoPlayZone()) {
            throw GameErrors.nodeInNoPlayZone();
        }
        Proximity p = check.proximity();
        if (!p.known()) {
            throw GameErrors.tooFar(false);
        }
        if (p.inNoPlayZone()) {
            throw GameErrors.inNoPlayZone();
        }
        checkAge(p);
        if (check.verdict() != PositionCheck.Verdict.TRUSTED) {
            throw GameErrors.untrustedPosition();
        }
        if (!(check.accuracyM() <= maxAccuracyM)) {
            throw GameErrors.imprecisePosition(maxAccuracyM);
        }
        checkDistance(p);
    }

    /** The distance and age checks alone. */
    public void checkPosition(Proximity p) {
        if (!p.known()) {
            throw GameErrors.tooFar(false);
        }
        if (p.inNoPlayZone()) {
            throw GameErrors.inNoPlayZone();
        }
        checkAge(p);
        checkDistance(p);
    }

    private void checkAge(Proximity p) {
        if (p.fixAgeMs() < 0 || p.fixAgeMs() > maxFixAge.toMillis()) {
            throw GameErrors.stalePosition();
        }
    }

    private void checkDistance(Proximity p) {
        if (!p.withinDistance() || !(p.distanceM() <= maxDistanceM)) {
            throw GameErrors.tooFar(true);
        }
    }

    /** How long the player must still wait, when they mined less than a cooldown ago. */
    public Optional<Duration> cooldownLeft(Instant lastMinedAt, Instant now) {
        if (lastMinedAt == null || cooldown.isZero()) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, lastMinedAt.plus(cooldown));
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }
}
