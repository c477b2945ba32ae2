package ore.chain.domain.payout;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A reward game-service asked to pay, checked. A request that can never be paid (no valid wallet,
 * an amount that is not a positive 256-bit integer) is still recorded, as {@link #invalidReason()},
 * so it is answered with FAILED instead of being dropped or retried forever.
 */
public record PayoutRequest(UUID rewardId, UUID playerId, String wallet, BigInteger amount, Instant requestedAt,
                            String invalidReason) {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

    public boolean valid() {
        return invalidReason == null;
    }

    /** Checks the raw fields of a {@code RewardRequested} payload; {@code rewardId} must be present. */
    public static PayoutRequest of(UUID rewardId, UUID playerId, String wallet, String tokenAmount, Instant requestedAt) {
        if (rewardId == null) {
            throw new IllegalArgumentException("rewardId is required");
        }
        Instant at = requestedAt != null ? requestedAt : Instant.EPOCH;
        String reason = null;
        String normalizedWallet = wallet == null ? "" : wallet.trim();
        BigInteger amount = BigInteger.ZERO;
        if (!ADDRESS.matcher(normalizedWallet).matches()) {
            reason = "wallet is not a 0x-prefixed 20-byte hex address";
        } else {
            normalizedWallet = normalizedWallet.toLowerCase(Locale.ROOT);
            if (normalizedWallet.equals(ZERO_ADDRESS)) {
                reason = "wallet is the zero address";
            }
        }
        if (reason == null) {
            try {
                amount = new BigInteger(tokenAmount == null ? "" : tokenAmount.trim());
                if (amount.signum() <= 0 || amount.compareTo(MAX_UINT256) > 0) {
                    reason = "tokenAmount must be a positive 256-bit integer";
                }
            } catch (NumberFormatException e) {
                reason = "tokenAmount is not a decimal integer";
            }
        }
        if (normalizedWallet.length() > 42) {
            normalizedWallet = normalizedWallet.substring(0, 42);
        }
        return new PayoutRequest(rewardId, playerId, normalizedWallet, reason == null ? amount : BigInteger.ZERO, at, reason);
    }
}
