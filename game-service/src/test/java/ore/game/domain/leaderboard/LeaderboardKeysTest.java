package ore.game.domain.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaderboardKeysTest {

    final LeaderboardKeys keys = new LeaderboardKeys(Duration.ofDays(3), Duration.ofDays(15));

    @Test
    void boardsAreNamedByUtcDayAndIsoWeekEachItsOwnHashTag() {
        Instant t = Instant.parse("2026-11-26T23:59:59Z");
        assertThat(keys.key(Period.DAILY, t)).isEqualTo("game:lb:{daily:2026-11-26}");
        assertThat(keys.key(Period.WEEKLY, t)).isEqualTo("game:lb:{weekly:2026-W48}");
        assertThat(keys.key(Period.ALL, t)).isEqualTo("game:lb:{all}");
        // ISO weeks: 1 January 2027 is a Friday, in week 53 of 2026.
        assertThat(keys.key(Period.WEEKLY, Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("game:lb:{weekly:2026-W53}");
        assertThat(keys.key(Period.WEEKLY, Instant.parse("2027-01-04T00:00:00Z"))).isEqualTo("game:lb:{weekly:2027-W01}");
    }

    @Test
    void liveKeysCoverEveryBoardThatMayStillExist() {
        Instant t = Instant.parse("2026-11-26T12:00:00Z");
        assertThat(keys.liveKeys(t)).contains("game:lb:{daily:2026-11-26}", "game:lb:{daily:2026-11-23}",
                "game:lb:{weekly:2026-W48}", "game:lb:{weekly:2026-W46}", "game:lb:{all}").doesNotHaveDuplicates();
        assertThat(keys.ttl(Period.ALL)).isNull();
    }

    @Test
    void periodsParseStrictly() {
        assertThat(Period.parse("weekly")).isEqualTo(Period.WEEKLY);
        assertThatThrownBy(() -> Period.parse("WEEKLY")).hasFieldOrPropertyWithValue("code", "game.invalid_period");
        assertThatThrownBy(() -> Period.parse(null)).hasFieldOrPropertyWithValue("code", "game.invalid_period");
    }
}
