package ore.game.domain.mining;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import ore.game.domain.GameErrors;

/**
 * Whether a player may mine now, given where location-service last saw them and when they last
 * mined. The position checks come in the order a player can act on: no position at all, a no-play
 * zone, a position too old to trust, then the distance.
 *
 * @param maxDistanceM how close the last trusted position must be to the node (spec: 40 m)
 * @param maxFixAge    an older position is "stale": the player may have moved since
 * @param cooldown     the least time between two successful mines of one player
 */
public record MiningRules(double maxDistanceM, Duration maxFixAge, Duration cooldown) {

    public MiningRules {
        if (!(maxDistanceM > 0)) {
            throw new IllegalArgumentException("max distance must be positive: " + maxDistanceM);
        }
        if (maxFixAge.isNegative() || maxFixAge.isZero() || cooldown.isNegative()) {
            throw new IllegalArgumentException("max fix age must be positive and cooldown not negative");
        }
    }

    /** Throws the refusal that applies, if any. */
    public void checkPosition(Proximity p) {
        if (!p.known()) {
            throw GameErrors.tooFar(false);
        }
        if (p.inNoPlayZone()) {
            throw GameErrors.inNoPlayZone();
        }
        if (p.fixAgeMs() < 0 || p.fixAgeMs() > maxFixAge.toMillis()) {
            throw GameErrors.stalePosition();
        }
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
