package ore.auth.api;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import ore.testkit.ZonedTestClock;

/**
 * The system clock plus an offset a test can move forward, to see codes expire without waiting.
 * A test class replaces the service's {@link java.time.Clock} with it ({@code @MockBean(Clock.class)}); a
 * test that advances it puts it back ({@link #reset}) before it ends, since the clock also dates
 * tokens.
 */
final class TestClock extends ZonedTestClock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
