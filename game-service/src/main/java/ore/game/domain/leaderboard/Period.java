package ore.game.domain.leaderboard;

import java.util.Locale;
import ore.game.domain.GameErrors;

/** The leaderboards: ore mined today (UTC), this ISO week (UTC, Monday first) and ever. */
public enum Period {
    DAILY,
    WEEKLY,
    ALL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code daily}, {@code weekly} or {@code all}; anything else is {@code game.invalid_period}. */
    public static Period parse(String text) {
        if (text != null) {
            for (Period p : values()) {
                if (p.code().equals(text)) {
                    return p;
                }
            }
        }
        throw GameErrors.invalidParameter("invalid_period", "period must be daily, weekly or all.");
    }
}
