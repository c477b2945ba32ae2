package ore.game.app.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.game.domain.hold.Hold;

/**
 * The record of anti-cheat holds (the flag mines and claims read is on the player's row, see
 * {@link PlayerStore#hold}). Called inside a transaction.
 */
public interface HoldStore {

    /** Stores the hold; false when one with this id exists already (a redelivered report). */
    boolean record(Hold hold);

    /** Active holds, oldest first, at most {@code limit}. */
    List<Hold> active(int limit);

    /** Every hold of the player, newest first (for the player's export and for reviewers). */
    List<Hold> ofPlayer(UUID playerId);

    /** Marks the player's active holds released; returns how many were active. */
    int release(UUID playerId, Instant at, String by, String note);

    /** GDPR: forgets the player's holds. */
    int deleteOfPlayer(UUID playerId);
}
