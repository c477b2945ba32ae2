package ore.game.app.port;

import java.time.Duration;
import java.util.UUID;
import ore.game.domain.mining.IdempotencyKey;

/**
 * Marks a mine request as in flight, per player and Idempotency-Key, on every instance: a retry that
 * arrives while the first attempt is still running waits for its answer instead of running the checks
 * (and the location call) a second time, possibly with a different outcome.
 *
 * <p>Contract: {@link #begin} is atomic (one caller wins); a mark expires after {@code ttl} even if
 * {@link #end} is never called (a crashed instance). Failures surface as UNAVAILABLE.
 */
public interface MineGuard {

    /** True when this caller now holds the mark; false when another request with the key is in flight. */
    boolean begin(UUID playerId, IdempotencyKey key, Duration ttl);

    void end(UUID playerId, IdempotencyKey key);
}
