package ore.game.app;

import java.time.Instant;
import java.util.UUID;

/**
 * What game-service tells connected clients through the realtime-engine. Every message goes out in
 * the shared envelope {@code {type, at (ISO-8601 UTC), ...payload}}; clients ignore types they do not
 * know.
 */
public final class RealtimeMessages {

    private RealtimeMessages() {
    }

    /** A realtime message: its type and when it happened go into the envelope, the rest is payload. */
    public sealed interface Message permits InventoryChanged, RewardStatus, NodeCapacity {

        String type();

        Instant at();
    }

    /** To {@code rt:player:<id>}: an ore balance moved (mined, claimed, refunded). */
    public record InventoryChanged(String type, String ore, long balance, long delta, String reason, Instant at) implements Message {

        public InventoryChanged(String ore, long balance, long delta, String reason, Instant at) {
            this("inventory.changed", ore, balance, delta, reason, at);
        }
    }

    /** To {@code rt:player:<id>}: a claim changed status. */
    public record RewardStatus(String type, UUID rewardId, String status, String txHash, Instant at) implements Message {

        public RewardStatus(UUID rewardId, String status, String txHash, Instant at) {
            this("reward.status", rewardId, status, txHash, at);
        }
    }

    /** To {@code rt:cell:<h3>}: a node's remaining ore changed; type {@code node.depleted} at zero. */
    public record NodeCapacity(String type, String nodeId, int remaining, Instant at) implements Message {

        public NodeCapacity(String nodeId, int remaining, Instant at) {
            this(remaining == 0 ? "node.depleted" : "node.capacity", nodeId, remaining, at);
        }
    }
}
