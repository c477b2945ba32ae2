package ore.game.domain.node;

import java.time.Duration;
import java.time.Instant;
import ore.game.domain.GameErrors;

/**
 * Which hours' nodes can be mined. Nodes spawn per hour; the current hour's are listed and minable,
 * and the previous hour's stay minable for a grace period after the hour turns, so a player who saw a
 * node at 10:59 is not refused at 11:00. Future hours are unknown: clients cannot mine ahead.
 */
public record NodeLifetime(Duration grace) {

    public NodeLifetime {
        if (grace.isNegative() || grace.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("grace must be between 0 and 1 hour: " + grace);
        }
    }

    public static long hourOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 3600);
    }

    /** Throws {@code game.node_unknown} for a future hour and {@code game.node_expired} for a past one. */
    public void requireMinable(NodeId id, Instant now) {
        long current = hourOf(now);
        if (id.hour() > current) {
            throw GameErrors.nodeUnknown();
        }
        if (id.hour() == current) {
            return;
        }
        Instant currentStart = Instant.ofEpochSecond(current * 3600);
        if (id.hour() == current - 1 && now.isBefore(currentStart.plus(grace))) {
            return;
        }
        throw GameErrors.nodeExpired();
    }
}
