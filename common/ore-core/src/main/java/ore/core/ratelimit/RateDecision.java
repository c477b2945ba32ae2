package ore.core.ratelimit;

import java.time.Duration;

/** The answer of a {@link RateLimiter}: allowed or not, what is left, and when to retry. */
public record RateDecision(boolean allowed, long remaining, Duration retryAfter) {

    public static RateDecision allow(long remaining) {
        return new RateDecision(true, remaining, Duration.ZERO);
    }

    public static RateDecision deny(Duration retryAfter) {
        return new RateDecision(false, 0, retryAfter);
    }
}
