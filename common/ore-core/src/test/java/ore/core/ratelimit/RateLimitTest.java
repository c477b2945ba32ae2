package ore.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void emissionIntervalIsPeriodOverLimit() {
        assertThat(RateLimit.perMinute("ip", 100).emissionIntervalMillis()).isEqualTo(600);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RateLimit("x", 0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit("Bad Name", 1, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit("x", 10, Duration.ofMillis(5))).isInstanceOf(IllegalArgumentException.class);
    }
}
