package ore.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void isVersion7WithTheClocksMillis() {
        var clock = Clock.fixed(Instant.parse("2026-11-26T00:00:00.123Z"), ZoneOffset.UTC);
        UUID id = Ids.newId(clock);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(Ids.timestampMillis(id)).isEqualTo(clock.millis());
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        UUID early = Ids.newId(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
        UUID late = Ids.newId(Clock.fixed(Instant.ofEpochMilli(2_000), ZoneOffset.UTC));
        assertThat(early.toString()).isLessThan(late.toString());
    }

    @Test
    void idsAreUnique() {
        var seen = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.newId())).isTrue();
        }
    }
}
