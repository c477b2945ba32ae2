package ore.chain.adapter.out.web3j;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Requests an endpoint may still take today and this month (UTC), for rate-limited providers
 * (e.g. 100k/day, 3M/month). 0 means unlimited. Counted per process: with n instances, give each
 * 1/n of the provider's quota. An exhausted endpoint is skipped until the next day or month.
 */
final class RequestBudget {

    private final long perDay;
    private final long perMonth;
    private final Clock clock;
    private LocalDate day;
    private long usedToday;
    private int monthKey;
    private long usedThisMonth;

    RequestBudget(long perDay, long perMonth, Clock clock) {
        if (perDay < 0 || perMonth < 0) {
            throw new IllegalArgumentException("budgets must be >= 0 (0 = unlimited)");
        }
        this.perDay = perDay;
        this.perMonth = perMonth;
        this.clock = clock;
    }

    synchronized boolean tryAcquire() {
        roll();
        if ((perDay > 0 && usedToday >= perDay) || (perMonth > 0 && usedThisMonth >= perMonth)) {
            return false;
        }
        usedToday++;
        usedThisMonth++;
        return true;
    }

    /** Requests left today (the smaller of the day's and the month's remainder); -1 when unlimited. */
    synchronized long remaining() {
        roll();
        long day = perDay == 0 ? Long.MAX_VALUE : perDay - usedToday;
        long month = perMonth == 0 ? Long.MAX_VALUE : perMonth - usedThisMonth;
        long left = Math.min(day, month);
        return left == Long.MAX_VALUE ? -1 : Math.max(0, left);
    }

    private void roll() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            usedToday = 0;
        }
        int month = today.getYear() * 12 + today.getMonthValue();
        if (month != monthKey) {
            monthKey = month;
            usedThisMonth = 0;
        }
    }
}
