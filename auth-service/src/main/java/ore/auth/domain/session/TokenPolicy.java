package ore.auth.domain.session;

import java.time.Duration;

/**
 * Lifetimes of what auth-service issues.
 *
 * @param accessTtl       player access tokens (15 minutes per the contract)
 * @param refreshTtl      one refresh token, if never rotated
 * @param sessionLifetime absolute limit of a refresh family: after it the player signs in again
 * @param reuseGrace      a used refresh token presented again within this window is treated as a
 *                        concurrent refresh (two requests raced), not as theft; after it the whole
 *                        family is revoked
 * @param serviceTtl      service (client-credentials) tokens
 */
public record TokenPolicy(Duration accessTtl, Duration refreshTtl, Duration sessionLifetime, Duration reuseGrace,
                          Duration serviceTtl) {

    public TokenPolicy {
        if (accessTtl.isNegative() || accessTtl.isZero() || refreshTtl.compareTo(accessTtl) < 0
                || sessionLifetime.compareTo(refreshTtl) < 0 || reuseGrace.isNegative()
                || reuseGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("inconsistent token lifetimes (reuse grace must be ≤ 1 min)");
        }
    }
}
