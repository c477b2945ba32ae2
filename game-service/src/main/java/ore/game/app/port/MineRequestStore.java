package ore.game.app.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import ore.game.app.MineResult;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.domain.node.NodeId;

/**
 * Answers already given to mine requests, by (player, Idempotency-Key), kept for a retention period
 * (24 h by default) so that a retry gets the same answer and never a second effect.
 */
public interface MineRequestStore {

    /** The stored answer: {@code result} when the unit was mined, null when the node was depleted. */
    record StoredMine(NodeId nodeId, MineResult result) {

        public boolean depleted() {
            return result == null;
        }
    }

    Optional<StoredMine> find(UUID playerId, IdempotencyKey key);

    /**
     * Stores the answer in the current transaction; the (player, key) pair must be new. When another
     * request stored an answer under the same pair first, the transaction fails at the latest when it
     * commits, with an exception {@link #keyTaken} recognises.
     */
    void save(UUID playerId, IdempotencyKey key, StoredMine answer, Instant at);

    /** Whether {@code failure}, of a transaction that saved an answer, means the (player, key) pair was taken first. */
    boolean keyTaken(RuntimeException failure);

    int deleteOfPlayer(UUID playerId);

    int deleteOlderThan(Instant cutoff, int batchSize);
}
