package ore.auth.domain.account;

import java.time.Duration;

/**
 * How long an e-mail is locked after repeated failed logins: free attempts first, then a lock that
 * doubles with each further failure up to a ceiling. It is keyed by the e-mail typed, whether or not
 * an account has it, so the lock itself reveals nothing.
 */
public record LoginBackoff(int freeAttempts, Duration firstLock, Duration maxLock, Duration window) {

    public static final LoginBackoff DEFAULT = new LoginBackoff(5, Duration.ofSeconds(30), Duration.ofMinutes(15),
            Duration.ofMinutes(15));

    public LoginBackoff {
        if (freeAttempts < 1 || firstLock.isNegative() || maxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("invalid login back-off");
        }
    }

    /** The lock that follows the given number of consecutive failures (zero while attempts are free). */
    public Duration lockAfter(long failures) {
        if (failures < freeAttempts) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - freeAttempts, 20);
        Duration lock = firstLock.multipliedBy(1L << doublings);
        return lock.compareTo(maxLock) > 0 ? maxLock : lock;
    }
}
