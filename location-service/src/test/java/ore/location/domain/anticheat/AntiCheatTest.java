package ore.location.domain.anticheat;

import static ore.location.domain.anticheat.Fixes.LAT;
import static ore.location.domain.anticheat.Fixes.LON;
import static ore.location.domain.anticheat.Fixes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.Judgement;
import ore.location.domain.fix.Reason;
import ore.location.domain.fix.Verdict;
import org.junit.jupiter.api.Test;

/** How rules and the model's score combine, and what happens without a score. */
class AntiCheatTest {

    final AntiCheat antiCheat = new AntiCheat(AntiCheatPolicy.defaults(), ModelPolicy.defaults());

    @Test
    void withoutAScoreTheRulesAloneDecide() {
        Judgement trusted = antiCheat.rules(List.of(), Fix.of(LAT, LON, 5, T0));
        assertThat(antiCheat.withModel(trusted, Optional.empty())).isEqualTo(trusted);
        Judgement suspicious = antiCheat.rules(List.of(), Fix.of(LAT, LON, 0.2, T0));
        assertThat(antiCheat.withModel(suspicious, Optional.empty()).verdict()).isEqualTo(Verdict.SUSPICIOUS);
    }

    @Test
    void theScoreCanMakeATrustedFixSuspiciousOrRejected() {
        assertThat(antiCheat.withModel(Judgement.TRUSTED, score(0.1))).isEqualTo(Judgement.TRUSTED);
        Judgement suspicious = antiCheat.withModel(Judgement.TRUSTED, score(0.8));
        assertThat(suspicious.verdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(suspicious.codes()).containsExactly("model_suspicious");
        Judgement rejected = antiCheat.withModel(Judgement.TRUSTED, score(0.99));
        assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(rejected.countsAsCheat()).isTrue();
    }

    @Test
    void aRejectionByTheRulesIsNotUndoneByTheModel() {
        Judgement teleport = Judgement.rejected(Reason.TELEPORT);
        assertThat(antiCheat.withModel(teleport, score(0.0))).isEqualTo(teleport);
    }

    @Test
    void verdictsFollowFromReasonsAndFlagsChangeNothing() {
        assertThat(Judgement.of(List.of(Reason.NO_PLAY_ZONE)).verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(Judgement.of(List.of(Reason.NO_PLAY_ZONE, Reason.TOO_FAST)).verdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(Judgement.of(List.of(Reason.TOO_FAST, Reason.TELEPORT)).verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(Judgement.rejected(Reason.STALE).countsAsCheat()).as("edge refusals never count").isFalse();
        assertThat(Judgement.rejected(Reason.TELEPORT).countsAsCheat()).isTrue();
        assertThat(Judgement.of(List.of(Reason.TELEPORT, Reason.NO_PLAY_ZONE)).codes())
                .containsExactly("teleport", "no_play_zone");
    }

    @Test
    void scoresAndPoliciesAreChecked() {
        assertThatThrownBy(() -> new ModelScore(1.5, "v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelScore(Double.NaN, "v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelPolicy(0.9, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ModelScore(0.5, null).modelVersion()).isEqualTo("unknown");
        for (Reason r : Reason.values()) {
            assertThat(Reason.ofCode(r.code())).isEqualTo(r);
        }
    }

    private static Optional<ModelScore> score(double p) {
        return Optional.of(new ModelScore(p, "anticheat:1"));
    }
}
