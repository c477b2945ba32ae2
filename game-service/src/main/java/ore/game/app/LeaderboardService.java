package ore.game.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import ore.game.app.port.Leaderboard;
import ore.game.domain.GameErrors;
import ore.game.domain.leaderboard.Period;
import ore.game.domain.leaderboard.Standing;

/** Who mined the most ore today, this week and ever. */
@Singleton
public class LeaderboardService {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_AROUND = 25;

    private final Leaderboard boards;
    private final Clock clock;

    public LeaderboardService(Leaderboard boards, Clock clock) {
        this.boards = boards;
        this.clock = clock;
    }

    public List<Standing> top(Period period, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GameErrors.invalidParameter("invalid_limit", "limit must be from 1 to " + MAX_LIMIT + ".");
        }
        return boards.top(period, clock.instant(), limit);
    }

    public Leaderboard.AroundMe aroundMe(Period period, UUID playerId, int around) {
        if (around < 0 || around > MAX_AROUND) {
            throw GameErrors.invalidParameter("invalid_around", "around must be from 0 to " + MAX_AROUND + ".");
        }
        return boards.around(period, clock.instant(), playerId, around);
    }
}
