package ore.game.domain.reward;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * chain-gateway's verdict on a claim ({@code ore.rewards.settled}): paid with the transaction hash,
 * or failed with a reason. Anything else is malformed and refused here.
 */
public record Settlement(UUID rewardId, RewardStatus status, String txHash, String reason) {

    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final int MAX_REASON = 200;

    public Settlement {
        Objects.requireNonNull(rewardId, "rewardId");
        if (status == null || !status.isFinal()) {
            throw new IllegalArgumentException("status must be PAID or FAILED");
        }
        if (status == RewardStatus.PAID && (txHash == null || !TX_HASH.matcher(txHash).matches())) {
            throw new IllegalArgumentException("a paid settlement needs a 0x-prefixed 32-byte txHash");
        }
        if (txHash != null && !TX_HASH.matcher(txHash).matches()) {
            throw new IllegalArgumentException("txHash is not a 0x-prefixed 32-byte hash");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
    }
}
