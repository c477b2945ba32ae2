package ore.game.domain.node;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import ore.core.error.DomainException;
import org.junit.jupiter.api.Test;

class NodeLifetimeTest {

    final NodeLifetime lifetime = new NodeLifetime(Duration.ofMinutes(5));
    final long hour = 493_127;
    final Instant hourStart = Instant.ofEpochSecond(hour * 3600);
    final NodeId node = new NodeId(0x8928308280fffffL, hour);

    @Test
    void theCurrentHourIsMinable() {
        assertThatCode(() -> lifetime.requireMinable(node, hourStart)).doesNotThrowAnyException();
        assertThatCode(() -> lifetime.requireMinable(node, hourStart.plusSeconds(3599))).doesNotThrowAnyException();
    }

    @Test
    void thePreviousHourIsMinableDuringTheGrace() {
        assertThatCode(() -> lifetime.requireMinable(node, hourStart.plus(Duration.ofMinutes(64)).plusSeconds(59)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> lifetime.requireMinable(node, hourStart.plus(Duration.ofMinutes(65))))
                .isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "game.node_expired");
        assertThatThrownBy(() -> lifetime.requireMinable(node, hourStart.plus(Duration.ofHours(3))))
                .hasFieldOrPropertyWithValue("code", "game.node_expired");
    }

    @Test
    void futureHoursAreUnknown() {
        assertThatThrownBy(() -> lifetime.requireMinable(node, hourStart.minusMillis(1)))
                .hasFieldOrPropertyWithValue("code", "game.node_unknown");
    }

    @Test
    void theGraceIsAtMostAnHour() {
        assertThatThrownBy(() -> new NodeLifetime(Duration.ofMinutes(61))).isInstanceOf(IllegalArgumentException.class);
    }
}
