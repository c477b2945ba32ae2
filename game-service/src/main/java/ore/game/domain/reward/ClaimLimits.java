package ore.game.domain.reward;

import ore.game.domain.GameErrors;

/** The smallest and largest amount of ore one claim may convert. */
public record ClaimLimits(long minAmount, long maxAmount) {

    public ClaimLimits {
        if (minAmount < 1 || maxAmount < minAmount) {
            throw new IllegalArgumentException("claim limits must satisfy 1 <= min <= max");
        }
    }

    public void check(long amount) {
        if (amount < minAmount || amount > maxAmount) {
            throw GameErrors.invalidAmount("amount must be from " + minAmount + " to " + maxAmount + ".");
        }
    }
}
