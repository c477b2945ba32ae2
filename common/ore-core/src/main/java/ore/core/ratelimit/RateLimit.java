package ore.core.ratelimit;

import java.time.Duration;

/**
 * "At most {@code limit} requests per {@code period}", enforced smoothly (GCRA): requests are
 * spaced {@code period / limit} apart on average, with bursts of up to {@code limit} allowed.
 */
public record RateLimit(String name, int limit, Duration period) {

    public RateLimit {
        if (name == null || name.isBlank() || !name.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("rate limit name must match [a-z0-9_.-]+: " + name);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit must allow at least 1 request: " + name);
        }
        if (period == null || period.toMillis() < limit) {
            throw new IllegalArgumentException("rate limit period must be at least 1 ms per request: " + name);
        }
    }

    public static RateLimit perMinute(String name, int limit) {
        return new RateLimit(name, limit, Duration.ofMinutes(1));
    }

    /** Milliseconds between requests at the sustained rate. */
    public long emissionIntervalMillis() {
        return period.toMillis() / limit;
    }
}
