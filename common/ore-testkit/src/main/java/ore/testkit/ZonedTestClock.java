package ore.testkit;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Base of the clocks tests move by hand: UTC, and {@link #withZone} gives the same moving instant seen
 * in another zone (what {@code LocalDate.now(clock)} and friends use) instead of a frozen copy.
 * Subclasses say only what {@link #instant()} is.
 */
public abstract class ZonedTestClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Clock self = this;
        return new Clock() {
            @Override
            public java.time.Instant instant() {
                return self.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }
        };
    }
}
