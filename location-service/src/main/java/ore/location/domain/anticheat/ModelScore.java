package ore.location.domain.anticheat;

/**
 * The anti-cheat model's answer for one window.
 *
 * @param cheatProbability in [0, 1]: how likely the newest fix of the window is spoofed
 * @param modelVersion     the model version that answered (stored with the verdict for audits)
 */
public record ModelScore(double cheatProbability, String modelVersion) {

    public ModelScore {
        if (!(cheatProbability >= 0.0 && cheatProbability <= 1.0)) {
            throw new IllegalArgumentException("cheat probability must be in [0, 1], got " + cheatProbability);
        }
        if (modelVersion == null || modelVersion.isBlank()) {
            modelVersion = "unknown";
        }
    }
}
