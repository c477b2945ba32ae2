package ore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ZonedTestClockTest {

    /** Moved by hand, as the services' test clocks are. */
    private static final class HandClock extends ZonedTestClock {
        volatile Instant now = Instant.parse("2026-12-31T14:59:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anotherZoneSeesTheSameMovingInstant() {
        HandClock clock = new HandClock();
        Clock seoul = clock.withZone(ZoneId.of("Asia/Seoul"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(seoul.getZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(LocalDate.now(seoul)).isEqualTo(LocalDate.parse("2026-12-31"));

        clock.now = Instant.parse("2026-12-31T15:00:00Z");
        assertThat(seoul.instant()).isEqualTo(clock.now);
        assertThat(LocalDate.now(seoul)).as("midnight in Seoul").isEqualTo(LocalDate.parse("2027-01-01"));
        assertThat(seoul.withZone(ZoneOffset.UTC).instant()).isEqualTo(clock.now);
    }
}
