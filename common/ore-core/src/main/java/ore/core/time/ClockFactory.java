package ore.core.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now" for every service. Code takes a {@link Clock} by injection instead of
 * calling {@code Instant.now()}, so tests can replace it with a fixed or stepping clock.
 */
@Factory
public class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
