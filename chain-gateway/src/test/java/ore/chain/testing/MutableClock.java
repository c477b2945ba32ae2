package ore.chain.testing;

import java.time.Duration;
import java.time.Instant;
import ore.testkit.ZonedTestClock;

/** A UTC clock a test sets and moves by hand (day and month roll-overs). Thread-safe. */
public final class MutableClock extends ZonedTestClock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void set(String isoInstant) {
        now = Instant.parse(isoInstant);
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
