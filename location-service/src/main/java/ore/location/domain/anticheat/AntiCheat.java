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
    private final AntiCheatPolicy policy;

    public AntiCheat(AntiCheatPolicy policy, ModelPolicy model) {
        this.checks = new FixChecks(policy);
        this.physics = new PhysicsRules(policy);
        this.model = model;
        this.policy = policy;
    }

    /** The reason the fix cannot be judged at all (bad value, time, duplicate), or empty. */
    public Optional<Reason> check(Fix fix, PlayerTrack track, Instant now) {
        return checks.check(fix, track, now);
    }

    /** The physics verdict on a fix that passed {@link #check}, against the recent accepted fixes. */
    public Judgement rules(List<Fix> recent, Fix fix) {
        return rules(recent, null, fix);
    }

    /**
     * The physics verdict, also against the {@code pin}: the last accepted position before a
     * rejected teleport (null when none). The window alone forgets a teleport once enough accepted
     * fixes followed it: a spoofer who jumped far, waited until the jump no longer looked faster than
     * a car and then moved plausibly would be TRUSTED at the new place after 16 fixes. Measured from
     * the pin, a position stays SUSPICIOUS ({@code after_teleport}) until the player could have got
     * there at {@code suspiciousSpeedMps}; then the pin is released (see {@link #nextPin}).
     */
    public Judgement rules(List<Fix> recent, Fix pin, Fix fix) {
        var reasons = physics.evaluate(recent, fix);
        if (pin != null && pin.tsMillis() < fix.tsMillis()
                && physics.impliedSpeedMps(pin, fix) > policy.suspiciousSpeedMps()) {
            reasons.add(Reason.AFTER_TELEPORT);
        }
        return Judgement.of(reasons);
    }

    /** The pin after {@code fix} was judged (see {@link #rules(List, Fix, Fix)}). */
    public Fix nextPin(Fix pin, List<Fix> recent, Judgement judgement) {
        if (judgement.reasons().contains(Reason.TELEPORT)) {
            return pin != null ? pin : recent.isEmpty() ? null : recent.getLast();
        }
        if (pin != null && judgement.accepted() && !judgement.reasons().contains(Reason.AFTER_TELEPORT)) {
            return null;
        }
        return pin;
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
