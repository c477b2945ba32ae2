package ore.game.domain.reward;

import java.util.Locale;

/** Where a claim stands: requested (ore in escrow, payout pending), then paid or failed, both final. */
public enum RewardStatus {
    REQUESTED,
    PAID,
    FAILED;

    public boolean isFinal() {
        return this != REQUESTED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RewardStatus byCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
