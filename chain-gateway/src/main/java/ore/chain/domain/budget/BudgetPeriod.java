package ore.chain.domain.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The periods an RPC request budget is counted in: the UTC day and the UTC calendar month. A period
 * is named by a key that sorts and reads naturally ({@code 2025-06-14}, {@code 2025-06}); the shared
 * ledger counts one row per endpoint and key.
 */
public enum BudgetPeriod {

    DAY("day", DateTimeFormatter.ISO_LOCAL_DATE),
    MONTH("month", DateTimeFormatter.ofPattern("uuuu-MM"));

    private final String label;
    private final DateTimeFormatter format;

    BudgetPeriod(String label, DateTimeFormatter format) {
        this.label = label;
        this.format = format;
    }

    /** {@code day} or {@code month}: the metric tag and the word used in logs. */
    public String label() {
        return label;
    }

    /** The key of the period that contains {@code instant} (UTC). */
    public String key(Instant instant) {
        return format.format(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The first instant of the next period (UTC midnight; the first of the next month). */
    public Instant end(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        LocalDate next = this == DAY ? day.plusDays(1) : day.withDayOfMonth(1).plusMonths(1);
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
