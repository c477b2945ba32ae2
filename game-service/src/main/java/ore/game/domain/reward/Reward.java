package ore.game.domain.reward;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import ore.game.domain.node.OreType;

/**
 * A claim: ore of one type converted into tokens paid to the player's wallet. {@code playerId} and
 * {@code wallet} are null once the player deleted the account (the payout record itself stays).
 */
public record Reward(UUID id, UUID playerId, String wallet, OreType ore, long oreAmount, BigInteger tokenAmount,
                     RewardStatus status, String txHash, String failureReason, Instant requestedAt,
                     Instant settledAt, String clientKey) {

    public Reward settled(Settlement s, Instant at) {
        return new Reward(id, playerId, wallet, ore, oreAmount, tokenAmount, s.status(), s.txHash(), s.reason(),
                requestedAt, at, clientKey);
    }
}
