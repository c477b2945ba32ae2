package ore.chain.domain.payout;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * One reward to pay: {@code amount} token units (wei of the 18-decimal ORE token) to {@code wallet}.
 * {@code nonce} is set from SIGNED on; {@code txHash}/{@code minedBlock} from MINED on.
 */
public record Payout(UUID rewardId, UUID playerId, String wallet, BigInteger amount, PayoutStatus status,
                     Long nonce, String txHash, Long minedBlock, String minedBlockHash, String reason,
                     int attempts, Instant requestedAt) {
}
