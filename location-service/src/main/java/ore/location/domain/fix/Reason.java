package ore.location.domain.fix;

/**
 * Why a fix was rejected, judged suspicious or flagged. The {@link #code()} strings are part of the
 * API (per-fix results, the {@code ore.location.tracked} events, the history table): never rename one.
 */
public enum Reason {
    // Checks at the edge: the fix cannot be judged at all. They never count towards SuspectedCheat,
    // because honest clients produce them too (retries, clock skew, buggy builds).
    INVALID_LAT("invalid_lat", Severity.REJECT, false),
    INVALID_LON("invalid_lon", Severity.REJECT, false),
    INVALID_ACCURACY("invalid_accuracy", Severity.REJECT, false),
    INVALID_SPEED("invalid_speed", Severity.REJECT, false),
    INVALID_HEADING("invalid_heading", Severity.REJECT, false),
    STALE("stale", Severity.REJECT, false),
    FUTURE("future", Severity.REJECT, false),
    DUPLICATE("duplicate", Severity.REJECT, false),
    OUT_OF_ORDER("out_of_order", Severity.REJECT, false),

    // Physics rules against the player's recent accepted fixes.
    TELEPORT("teleport", Severity.REJECT, true),
    TOO_FAST("too_fast", Severity.SUSPECT, false),
    ACCELERATION("acceleration", Severity.SUSPECT, false),
    IMPOSSIBLE_ACCURACY("impossible_accuracy", Severity.SUSPECT, false),
    LOW_ACCURACY("low_accuracy", Severity.SUSPECT, false),
    REPEATED_FIX("repeated_fix", Severity.SUSPECT, false),
    JITTER("jitter", Severity.SUSPECT, false),
    ROBOTIC_MOTION("robotic_motion", Severity.SUSPECT, false),
    /** Farther from the last position before a rejected teleport than a plausible speed allows since. */
    AFTER_TELEPORT("after_teleport", Severity.SUSPECT, false),

    // The anti-cheat model (only when it answered).
    MODEL_SUSPICIOUS("model_suspicious", Severity.SUSPECT, false),
    MODEL_REJECTED("model_rejected", Severity.REJECT, true),

    // Flags.
    NO_PLAY_ZONE("no_play_zone", Severity.FLAG, false);

    private final String code;
    private final Severity severity;
    private final boolean countsAsCheat;

    Reason(String code, Severity severity, boolean countsAsCheat) {
        this.code = code;
        this.severity = severity;
        this.countsAsCheat = countsAsCheat;
    }

    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** Whether a rejection for this reason counts towards the player's SuspectedCheat threshold. */
    public boolean countsAsCheat() {
        return countsAsCheat;
    }

    public static Reason ofCode(String code) {
        for (Reason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reason code: " + code);
    }
}
