package ore.game.app.port;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;
import ore.game.domain.node.NodeId;
import ore.game.domain.node.OreNode;

/**
 * Remaining ore of nodes. A node nobody mined yet has its spawned capacity and no row; the first
 * {@link #take} creates it.
 */
public interface NodeCapacityStore {

    /**
     * Takes {@code amount} units atomically, in the current transaction; returns what remains after,
     * or empty when the node has fewer than {@code amount} left (nothing is taken then). Concurrent
     * takers of the last unit: exactly one gets it.
     */
    OptionalInt take(OreNode node, int amount, Instant now);

    /** Remaining units of the nodes that were mined at least once (others are untouched). */
    Map<NodeId, Integer> remaining(Collection<NodeId> ids);

    /** Deletes the rows of nodes of hours before {@code hour}; returns how many. */
    int deleteHoursBefore(long hour, int batchSize);
}
