package ore.game.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.game.domain.leaderboard.Period;
import ore.game.domain.leaderboard.Standing;

/**
 * Ore mined per player, per day, week and ever.
 *
 * <p>Contract: {@link #add} is called after the mine committed and is best effort: it never throws
 * and does not make the caller wait for the store (a lost increment costs a leaderboard point, never
 * ore). Reads throw {@code server.dependency_unavailable} when the store cannot answer.
 */
public interface Leaderboard {

    /** A player's neighbourhood on a board: their standing (absent if they have no score) and the players around. */
    record AroundMe(Optional<Standing> me, List<Standing> around) {
    }

    void add(UUID playerId, long amount, Instant at);

    List<Standing> top(Period period, Instant at, int limit);

    AroundMe around(Period period, Instant at, UUID playerId, int around);

    /**
     * Removes the player from every board (GDPR). Unlike {@link #add} it waits for the store and throws
     * {@code server.dependency_unavailable} when the removal did not happen, so the erasure is retried
     * until it did. Idempotent.
     */
    void remove(UUID playerId, Instant now);
}
