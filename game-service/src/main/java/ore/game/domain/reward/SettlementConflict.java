package ore.game.domain.reward;

import java.time.Instant;
import java.util.UUID;

/**
 * A settlement that contradicts the final status a claim already has: PAID after FAILED means the ore
 * was refunded and the tokens were paid as well; FAILED after PAID means chain-gateway changed its
 * mind about a payout. Neither is applied automatically; both are kept for a person to reconcile.
 *
 * @param id the settlement event's id
 */
public record SettlementConflict(UUID id, UUID rewardId, RewardStatus recorded, RewardStatus incoming,
                                 String incomingTxHash, String incomingReason, Instant detectedAt,
                                 Instant resolvedAt, String resolvedBy, String resolutionNote) {

    public boolean open() {
        return resolvedAt == null;
    }
}
