package ore.location.domain.anticheat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.Judgement;
import ore.location.domain.fix.PlayerTrack;
import ore.location.domain.fix.Reason;

/**
 * The anti-cheat decision for one fix, in two steps: {@link #rules} (edge checks, then physics,
 * always) and {@link #withModel} (the model's score, only when the model answered). A missing score
 * changes nothing: the player is never penalised because the model server is away.
 */
public final class AntiCheat {

    private final FixChecks checks;
    private final PhysicsRules physics;
    private final ModelPolicy model;

    public AntiCheat(AntiCheatPolicy policy, ModelPolicy model) {
        this.checks = new FixChecks(policy);
        this.physics = new PhysicsRules(policy);
        this.model = model;
    }

    /** The reason the fix cannot be judged at all (bad value, time, duplicate), or empty. */
    public Optional<Reason> check(Fix fix, PlayerTrack track, Instant now) {
        return checks.check(fix, track, now);
    }

    /** The physics verdict on a fix that passed {@link #check}, against the recent accepted fixes. */
    public Judgement rules(List<Fix> recent, Fix fix) {
        return Judgement.of(physics.evaluate(recent, fix));
    }

    public Judgement withModel(Judgement rules, Optional<ModelScore> score) {
        if (!rules.accepted() || score.isEmpty()) {
            return rules;
        }
        double p = score.get().cheatProbability();
        if (p >= model.rejectAt()) {
            return rules.with(Reason.MODEL_REJECTED);
        }
        if (p >= model.suspiciousAt()) {
            return rules.with(Reason.MODEL_SUSPICIOUS);
        }
        return rules;
    }
}
