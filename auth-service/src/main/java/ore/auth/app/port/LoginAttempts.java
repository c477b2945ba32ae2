package ore.auth.app.port;

import java.time.Duration;
import java.util.Optional;

/** Failed-login bookkeeping shared by all instances, per opaque key (a hash of the e-mail typed). */
public interface LoginAttempts {

    /** How long the key stays locked, if it is. */
    Optional<Duration> lockRemaining(String key);

    /** Counts a failure within {@code window}; the consecutive-failure count so far. */
    long recordFailure(String key, Duration window);

    void lock(String key, Duration duration);

    void reset(String key);
}
