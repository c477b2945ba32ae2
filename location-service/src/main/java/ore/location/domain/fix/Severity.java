package ore.location.domain.fix;

/** What a {@link Reason} does to a fix's {@link Verdict}. */
public enum Severity {
    /** The fix is rejected: it does not move the player and is not tracked as a position. */
    REJECT,
    /** The fix is accepted but marked suspicious (stored with the verdict, visible to the model and reviewers). */
    SUSPECT,
    /** Information only (e.g. inside a no-play zone); the verdict is unchanged. */
    FLAG
}
