package ore.game.domain.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import ore.core.error.DomainException;
import org.junit.jupiter.api.Test;

class MiningRulesTest {

    final MiningRules rules = new MiningRules(40, Duration.ofSeconds(60), Duration.ofSeconds(3));

    private static String refusal(Runnable r) {
        try {
            r.run();
            return null;
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void positionChecksInTheOrderAPlayerCanActOn() {
        assertThat(refusal(() -> rules.checkPosition(Proximity.unknown()))).isEqualTo("game.too_far");
        assertThat(refusal(() -> rules.checkPosition(new Proximity(true, 500, false, 999_999, true))))
                .isEqualTo("game.in_no_play_zone");
        assertThat(refusal(() -> rules.checkPosition(new Proximity(true, 500, false, 60_001, false))))
                .isEqualTo("game.stale_position");
        assertThat(refusal(() -> rules.checkPosition(new Proximity(true, 40.1, false, 1_000, false))))
                .isEqualTo("game.too_far");
        // location-service's verdict and the distance must both agree.
        assertThat(refusal(() -> rules.checkPosition(new Proximity(true, 41, true, 1_000, false)))).isEqualTo("game.too_far");
        assertThat(refusal(() -> rules.checkPosition(new Proximity(true, 10, false, 1_000, false)))).isEqualTo("game.too_far");
        assertThat(refusal(() -> rules.checkPosition(new Proximity(true, Double.NaN, true, 1_000, false)))).isEqualTo("game.too_far");
        assertThat(refusal(() -> rules.checkPosition(new Proximity(true, 5, true, -1, false)))).isEqualTo("game.stale_position");
        assertThatCode(() -> rules.checkPosition(new Proximity(true, 40, true, 60_000, false))).doesNotThrowAnyException();
    }

    @Test
    void theCooldownRunsFromTheLastMine() {
        Instant last = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(rules.cooldownLeft(null, last)).isEmpty();
        assertThat(rules.cooldownLeft(last, last.plusMillis(1_000))).contains(Duration.ofMillis(2_000));
        assertThat(rules.cooldownLeft(last, last.plusSeconds(3))).isEmpty();
        assertThat(new MiningRules(40, Duration.ofSeconds(60), Duration.ZERO).cooldownLeft(last, last)).isEmpty();
    }

    @Test
    void idempotencyKeysAreValidated() {
        assertThat(new IdempotencyKey("abcdEFGH_1-2").value()).isEqualTo("abcdEFGH_1-2");
        assertThatThrownBy(() -> IdempotencyKey.required(null)).hasFieldOrPropertyWithValue("code", "game.idempotency_key_missing");
        assertThatThrownBy(() -> IdempotencyKey.required(" ")).hasFieldOrPropertyWithValue("code", "game.idempotency_key_missing");
        for (String bad : new String[] {"short", "x".repeat(65), "with space", "ümlaut123", "a/b/c/d/e"}) {
            assertThatThrownBy(() -> IdempotencyKey.required(bad)).hasFieldOrPropertyWithValue("code", "game.idempotency_key_invalid");
        }
        assertThat(IdempotencyKey.optional(null)).isEmpty();
    }
}
