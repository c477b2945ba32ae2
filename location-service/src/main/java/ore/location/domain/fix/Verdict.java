package ore.location.domain.fix;

/** The anti-cheat outcome of one fix. TRUSTED and SUSPICIOUS fixes are accepted; REJECTED ones are not. */
public enum Verdict {
    TRUSTED,
    SUSPICIOUS,
    REJECTED;

    public boolean accepted() {
        return this != REJECTED;
    }
}
