package ore.location.domain.anticheat;

/**
 * How the model's score changes a verdict the rules did not reject.
 *
 * @param suspiciousAt scores at or above this make the fix SUSPICIOUS ({@code model_suspicious})
 * @param rejectAt     scores at or above this reject it ({@code model_rejected})
 */
public record ModelPolicy(double suspiciousAt, double rejectAt) {

    public ModelPolicy {
        if (!(suspiciousAt > 0 && suspiciousAt <= rejectAt && rejectAt <= 1.0)) {
            throw new IllegalArgumentException("need 0 < suspiciousAt <= rejectAt <= 1");
        }
    }

    public static ModelPolicy defaults() {
        return new ModelPolicy(0.7, 0.95);
    }
}
