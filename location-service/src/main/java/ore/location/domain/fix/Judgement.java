package ore.location.domain.fix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A verdict with the reasons behind it. The verdict follows from the reasons: any REJECT reason
 * rejects, else any SUSPECT reason makes the fix suspicious, else it is trusted (FLAG reasons never
 * change the verdict).
 */
public record Judgement(Verdict verdict, Set<Reason> reasons) {

    public static final Judgement TRUSTED = new Judgement(Verdict.TRUSTED, Set.of());

    public Judgement {
        reasons = reasons.isEmpty() ? Set.of() : Set.copyOf(reasons);
    }

    public static Judgement of(Collection<Reason> reasons) {
        if (reasons.isEmpty()) {
            return TRUSTED;
        }
        EnumSet<Reason> set = EnumSet.copyOf(reasons);
        Verdict verdict = Verdict.TRUSTED;
        for (Reason r : set) {
            if (r.severity() == Severity.REJECT) {
                verdict = Verdict.REJECTED;
                break;
            }
            if (r.severity() == Severity.SUSPECT) {
                verdict = Verdict.SUSPICIOUS;
            }
        }
        return new Judgement(verdict, set);
    }

    public static Judgement rejected(Reason reason) {
        return of(List.of(reason));
    }

    public Judgement with(Reason reason) {
        var all = new ArrayList<>(reasons);
        all.add(reason);
        return of(all);
    }

    public boolean accepted() {
        return verdict.accepted();
    }

    /** Whether this judgement counts towards the SuspectedCheat threshold. */
    public boolean countsAsCheat() {
        return verdict == Verdict.REJECTED && reasons.stream().anyMatch(Reason::countsAsCheat);
    }

    /** Reason codes in a stable order (declaration order), for APIs and storage. */
    public List<String> codes() {
        return reasons.stream().sorted().map(Reason::code).toList();
    }
}
