package ore.game.domain.leaderboard;

import java.util.UUID;

/** A place on a leaderboard: rank (1 is the top), the player (by id only: no personal data) and ore mined. */
public record Standing(long rank, UUID playerId, long score) {
}
