package ore.location.domain.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlayerTrackTest {

    @Test
    void anEmptyTrackKnowsNothing() {
        assertThat(PlayerTrack.EMPTY.lastAccepted()).isEmpty();
        assertThat(PlayerTrack.EMPTY.lastJudgedTs()).isEqualTo(Long.MIN_VALUE);
        assertThat(PlayerTrack.EMPTY.wasJudged(0)).isFalse();
    }

    @Test
    void acceptedFixesBecomeTheLastPositionAndTheWindowStaysBounded() {
        PlayerTrack track = PlayerTrack.EMPTY;
        for (int i = 0; i < 100; i++) {
            track = track.withAccepted(Fix.of(1, 1 + i * 1e-5, 5, 1000L * i), i % 2 == 0 ? Verdict.TRUSTED : Verdict.SUSPICIOUS);
        }
        assertThat(track.window()).hasSize(PlayerTrack.WINDOW);
        assertThat(track.judgedTs()).hasSize(PlayerTrack.JUDGED);
        assertThat(track.lastAccepted().orElseThrow().tsMillis()).isEqualTo(99_000);
        assertThat(track.window().getFirst().tsMillis()).isEqualTo(84_000);
        assertThat(track.lastVerdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(track.wasJudged(99_000)).isTrue();
        assertThat(track.wasJudged(1_000)).isFalse();
    }

    @Test
    void rejectedFixesAreRememberedButDoNotMoveThePlayer() {
        PlayerTrack track = PlayerTrack.EMPTY.withAccepted(Fix.of(1, 1, 5, 1000), Verdict.TRUSTED).withRejected(2000);
        assertThat(track.lastAccepted().orElseThrow().tsMillis()).isEqualTo(1000);
        assertThat(track.lastJudgedTs()).isEqualTo(2000);
        assertThatThrownBy(() -> track.withAccepted(Fix.of(1, 1, 5, 3000), Verdict.REJECTED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Fix.of(1, 2, 5, 3).toString()).doesNotContain("1.0").doesNotContain("2.0");
    }
}
