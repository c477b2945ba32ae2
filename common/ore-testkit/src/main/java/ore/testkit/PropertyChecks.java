package ore.testkit;

import java.util.concurrent.ThreadLocalRandom;
import org.quicktheories.QuickTheory;

/**
 * Seeded QuickTheories runs for property tests, so that every failure can be replayed.
 *
 * <p>{@link #qt(String)} takes the seed from the system property {@value #SEED_PROPERTY} when it is
 * set, and otherwise picks a fresh random one; either way it prints one line to stderr,
 * {@code property <name>: seed <n> (rerun: -Dore.pbt.seed=<n>)}, before any example runs. A
 * falsified property also reports {@code Seed was <n>} together with the shrunk falsifying value.
 * The seed is the only source of randomness of the generators, so the same seed yields the same
 * examples, in the same order, and the same shrinking.
 */
public final class PropertyChecks {

    /** The system property that fixes the seed, e.g. {@code -Dore.pbt.seed=42}. */
    public static final String SEED_PROPERTY = "ore.pbt.seed";

    private PropertyChecks() {
    }

    /** A QuickTheory on {@link #seed()}, announced on stderr under {@code propertyName}. */
    public static QuickTheory qt(String propertyName) {
        return qt(propertyName, seed());
    }

    /** A QuickTheory on the given seed, announced on stderr under {@code propertyName}. */
    public static QuickTheory qt(String propertyName, long seed) {
        System.err.println("property " + propertyName + ": seed " + seed + " (rerun: -D" + SEED_PROPERTY + "=" + seed + ")");
        return QuickTheory.qt().withFixedSeed(seed);
    }

    /**
     * The value of {@value #SEED_PROPERTY} when set, else a random non-zero seed (QuickTheories'
     * xorshift generator would silently turn 0 into 1, and then report a seed that was not printed).
     *
     * @throws IllegalArgumentException if the property is set but is not a non-zero long
     */
    public static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            long seed;
            try {
                seed = Long.parseLong(fixed.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SEED_PROPERTY + " must be a long, not '" + fixed + "'", e);
            }
            if (seed == 0) {
                throw new IllegalArgumentException(SEED_PROPERTY + " must not be 0 (QuickTheories runs seed 0 as 1)");
            }
            return seed;
        }
        long seed;
        do {
            seed = ThreadLocalRandom.current().nextLong();
        } while (seed == 0);
        return seed;
    }
}
