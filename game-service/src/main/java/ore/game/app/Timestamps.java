package ore.game.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * "Now" at the precision PostgreSQL stores (microseconds), so an answer given at once and the same
 * answer read back later (an idempotent replay) carry the same timestamps.
 */
final class Timestamps {

    private Timestamps() {
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
