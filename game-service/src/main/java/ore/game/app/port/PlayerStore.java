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

    /** @param heldAt when the player's mining and claims were put on hold, {@code null} when not held */
    record PlayerState(Instant lastMinedAt, Instant deletedAt, Instant heldAt) {

        public PlayerState(Instant lastMinedAt, Instant deletedAt) {
            this(lastMinedAt, deletedAt, null);
        }

        public boolean deleted() {
            return deletedAt != null;
        }

        public boolean held() {
            return heldAt != null;
        }
    }

    /** Creates the row if needed and locks it until the end of the current transaction. */
    PlayerState lock(UUID playerId, Instant now);

    void recordMined(UUID playerId, Instant at);

    /** Puts the player on hold (keeps an earlier hold time); creates the row if the player never played. */
    void hold(UUID playerId, Instant at);

    /** Lifts the hold; false when the player was not held. */
    boolean release(UUID playerId);

    /** The player's state without locking, empty for a player without a row. */
    java.util.Optional<PlayerState> find(UUID playerId);

    /** Marks the player deleted (the tombstone stays); creates the row if the player never played. */
    void markDeleted(UUID playerId, Instant at);
}
