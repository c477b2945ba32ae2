package ore.game.app.port;

import java.time.Instant;
import java.util.UUID;

/**
 * The per-player row every write of a player goes through. {@link #lock} must be called first in a
 * transaction: it holds the row until commit, so one player's mines, claims and purge run one after
 * the other on every instance. That makes the cooldown and idempotency checks exact under
 * concurrency.
 */
public interface PlayerStore {

    record PlayerState(Instant lastMinedAt, Instant deletedAt) {

        public boolean deleted() {
            return deletedAt != null;
        }
    }

    /** Creates the row if needed and locks it until the end of the current transaction. */
    PlayerState lock(UUID playerId, Instant now);

    void recordMined(UUID playerId, Instant at);

    /** Marks the player deleted (the tombstone stays); creates the row if the player never played. */
    void markDeleted(UUID playerId, Instant at);
}
