package ore.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Game", "game-service", "game;drop table x", "1game", "\"game\""})
    void schemaMustBeAPlainIdentifier(String schema) {
        assertThatThrownBy(() -> OutboxSettings.of(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ore.outbox.schema");
    }

    @Test
    void defaults() {
        var s = OutboxSettings.of("game");
        assertThat(s.enabled()).isTrue();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void nonsensicalTimingsAreRejected() {
        assertThatThrownBy(() -> new OutboxSettings(true, "game", Duration.ZERO, 100, Duration.ofSeconds(1),
                Duration.ofDays(1), 5, Duration.ofSeconds(30))).hasMessageContaining("poll-interval");
        assertThatThrownBy(() -> new OutboxSettings(true, "game", Duration.ofMillis(1), 0, Duration.ofSeconds(1),
                Duration.ofDays(1), 5, Duration.ofSeconds(30))).hasMessageContaining("batch-size");
        assertThatThrownBy(() -> new OutboxSettings(true, "game", Duration.ofMillis(1), 10, Duration.ofSeconds(1),
                Duration.ofDays(1), 0, Duration.ofSeconds(30))).hasMessageContaining("max-attempts");
    }
}
