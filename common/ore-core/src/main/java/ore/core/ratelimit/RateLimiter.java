package ore.core.ratelimit;

import java.util.concurrent.CompletionStage;

/**
 * Counts requests per subject (an IP, a player id, an e-mail hash) against a {@link RateLimit}.
 *
 * <p>Contract: the count is shared by every instance of the service (the Redis implementation keeps
 * it in Redis); each call consumes one request when allowed and nothing when denied; a denied
 * decision says how long until one more request would pass. Implementations never block the
 * calling thread. If the store is unreachable they fail open (allow) and count the failure: an
 * outage of the limiter must not become an outage of the service.
 */
public interface RateLimiter {

    CompletionStage<RateDecision> acquire(RateLimit limit, String subject);
}
