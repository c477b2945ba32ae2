package ore.game.domain.leaderboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of the Redis sorted sets behind the leaderboards and how long each lives. Each name is its
 * own hash tag ({@code {...}}), so on a Redis cluster one board sits on one shard:
 * {@code game:lb:{daily:2026-11-26}}, {@code game:lb:{weekly:2026-W48}}, {@code game:lb:{all}}.
 * Daily and weekly boards expire a while after their period ends, so yesterday's board can still be
 * shown; the all-time board never expires.
 */
public record LeaderboardKeys(Duration dailyTtl, Duration weeklyTtl) {

    public LeaderboardKeys {
        if (dailyTtl.compareTo(Duration.ofDays(1)) < 0 || weeklyTtl.compareTo(Duration.ofDays(7)) < 0) {
            throw new IllegalArgumentException("a board must outlive its period: daily ttl >= 1d, weekly ttl >= 7d");
        }
    }

    public String key(Period period, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return switch (period) {
            case DAILY -> "game:lb:{daily:" + day + "}";
            case WEEKLY -> String.format("game:lb:{weekly:%d-W%02d}", day.get(IsoFields.WEEK_BASED_YEAR),
                    day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case ALL -> "game:lb:{all}";
        };
    }

    /** How long a board lives after it was last written; null for the all-time board. */
    public Duration ttl(Period period) {
        return switch (period) {
            case DAILY -> dailyTtl;
            case WEEKLY -> weeklyTtl;
            case ALL -> null;
        };
    }

    /** Every board that may still exist at {@code now}: what a player must be removed from (GDPR). */
    public List<String> liveKeys(Instant now) {
        var keys = new ArrayList<String>();
        for (long d = 0; d <= dailyTtl.toDays() + 1; d++) {
            keys.add(key(Period.DAILY, now.minus(Duration.ofDays(d))));
        }
        for (long w = 0; w <= weeklyTtl.toDays() / 7 + 1; w++) {
            String k = key(Period.WEEKLY, now.minus(Duration.ofDays(7 * w)));
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        keys.add(key(Period.ALL, now));
        return keys;
    }
}
