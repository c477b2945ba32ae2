package ore.local.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final RestartPolicy policy = RestartPolicy.DEFAULT;

    @Test
    void backOffDoublesWithEachRecentRestartUpToTheCap() {
        Deque<Instant> recent = new ArrayDeque<>();
        assertThat(policy.nextDelay(recent, T0)).contains(Duration.ofSeconds(1));
        recent.add(T0);
        assertThat(policy.nextDelay(recent, T0.plusSeconds(10))).contains(Duration.ofSeconds(2));
        recent.add(T0.plusSeconds(10));
        recent.add(T0.plusSeconds(20));
        recent.add(T0.plusSeconds(30));
        assertThat(policy.nextDelay(recent, T0.plusSeconds(40))).contains(Duration.ofSeconds(16));
    }

    @Test
    void aCrashLoopIsGivenUpAfterTheRestartsOfOneWindow() {
        Deque<Instant> recent = new ArrayDeque<>();
        for (int i = 0; i < 5; i++) {
            recent.add(T0.plusSeconds(i * 10L));
        }
        assertThat(policy.nextDelay(recent, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void restartsOlderThanTheWindowNoLongerCount() {
        Deque<Instant> recent = new ArrayDeque<>();
        for (int i = 0; i < 5; i++) {
            recent.add(T0.plusSeconds(i));
        }
        Instant later = T0.plus(Duration.ofMinutes(5)).plusSeconds(3);
        assertThat(policy.nextDelay(recent, later)).contains(Duration.ofSeconds(2));
        assertThat(recent).containsExactly(T0.plusSeconds(4));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RestartPolicy(0, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartPolicy(3, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exitsBySignalAreNamedAsSuch() {
        assertThat(Supervisor.describe(137)).isEqualTo("ended by signal 9 (exit code 137)");
        assertThat(Supervisor.describe(143)).isEqualTo("ended by signal 15 (exit code 143)");
        assertThat(Supervisor.describe(1)).isEqualTo("exited with code 1");
        assertThat(Supervisor.describe(0)).isEqualTo("exited with code 0");
    }
}
