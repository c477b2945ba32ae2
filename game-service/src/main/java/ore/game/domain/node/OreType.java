package ore.game.domain.node;

import java.util.Optional;

/**
 * The kinds of ore, with the share of spawned nodes each gets (in basis points; they add up to
 * 10 000). The names in lower case are the codes used in the API, the ledger and the events.
 */
public enum OreType {
    COPPER(6_000),
    IRON(2_500),
    SILVER(1_000),
    GOLD(400),
    MYTHRIL(100);

    static final int TOTAL_WEIGHT = 10_000;

    private final int weight;
    private final String code;

    OreType(int weight) {
        this.weight = weight;
        this.code = name().toLowerCase(java.util.Locale.ROOT);
    }

    public String code() {
        return code;
    }

    /** Share of nodes of this type, basis points. */
    public int weight() {
        return weight;
    }

    /** The ore type a uniform roll in [0, 10 000) falls on. */
    public static OreType byRoll(int roll) {
        if (roll < 0 || roll >= TOTAL_WEIGHT) {
            throw new IllegalArgumentException("roll out of range: " + roll);
        }
        int cumulative = 0;
        for (OreType t : values()) {
            cumulative += t.weight;
            if (roll < cumulative) {
                return t;
            }
        }
        throw new IllegalStateException("weights do not add up to " + TOTAL_WEIGHT);
    }

    /** The type with this code (exact, lower case). */
    public static Optional<OreType> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (OreType t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
