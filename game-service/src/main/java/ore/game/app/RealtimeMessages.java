package ore.game.app;

import java.time.Instant;
import java.util.UUID;

/**
 * What game-service tells connected clients through the realtime-engine (DESIGN.md §3). Every
 * message has a {@code type}; clients ignore types they do not know.
 */
public final class RealtimeMessages {

    private RealtimeMessages() {
    }

    /** To {@code rt:player:<id>}: an ore balance moved (mined, claimed, refunded). */
    public record InventoryChanged(String type, String ore, long balance, long delta, String reason, Instant at) {

        public InventoryChanged(String ore, long balance, long delta, String reason, Instant at) {
            this("inventory.changed", ore, balance, delta, reason, at);
        }
    }

    /** To {@code rt:player:<id>}: a claim changed status. */
    public record RewardStatus(String type, UUID rewardId, String status, String txHash, Instant at) {

        public RewardStatus(UUID rewardId, String status, String txHash, Instant at) {
            this("reward.status", rewardId, status, txHash, at);
        }
    }

    /** To {@code rt:cell:<h3>}: a node's remaining ore changed; type {@code node.depleted} at zero. */
    public record NodeCapacity(String type, String nodeId, int remaining, Instant at) {

        public NodeCapacity(String nodeId, int remaining, Instant at) {
            this(remaining == 0 ? "node.depleted" : "node.capacity", nodeId, remaining, at);
        }
    }
}
