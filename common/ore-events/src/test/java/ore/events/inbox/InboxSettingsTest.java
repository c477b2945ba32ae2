package ore.events.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboxSettingsTest {

    @Test
    void defaults() {
        var s = InboxSettings.defaults();
        assertThat(s.pruneEnabled()).isTrue();
        assertThat(s.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(s.pruneInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.pruneBatchSize()).isEqualTo(5000);
        assertThat(s.retention()).as("longer than any redelivery").isGreaterThan(InboxSettings.LONGEST_REDELIVERY);
    }

    @Test
    void nonPositiveValuesAreRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> new InboxSettings(true, Duration.ZERO, Duration.ofMinutes(15), 5000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ore.inbox.retention");
        assertThatThrownBy(() -> new InboxSettings(true, Duration.ofDays(-1), Duration.ofMinutes(15), 5000))
                .hasMessageContaining("ore.inbox.retention");
        assertThatThrownBy(() -> new InboxSettings(true, null, Duration.ofMinutes(15), 5000))
                .hasMessageContaining("ore.inbox.retention");
        assertThatThrownBy(() -> new InboxSettings(true, Duration.ofDays(30), Duration.ZERO, 5000))
                .hasMessageContaining("ore.inbox.prune-interval");
        assertThatThrownBy(() -> new InboxSettings(true, Duration.ofDays(30), Duration.ofMinutes(15), 0))
                .hasMessageContaining("ore.inbox.prune-batch-size");
    }
}
