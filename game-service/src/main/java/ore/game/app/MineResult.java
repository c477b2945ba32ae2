package ore.game.app;

import java.time.Instant;
import java.util.UUID;
import ore.game.domain.node.OreType;

/**
 * The answer to a successful mine: the ledger transaction id ({@code mineId}), what was mined, what
 * is left in the node and in the player's inventory. {@code replayed} is true when this is the stored
 * answer to an earlier request with the same Idempotency-Key.
 */
public record MineResult(UUID mineId, String nodeId, OreType ore, long amount, int nodeRemaining, long balance,
                         Instant minedAt, boolean replayed) {

    public MineResult asReplay() {
        return new MineResult(mineId, nodeId, ore, amount, nodeRemaining, balance, minedAt, true);
    }
}
