package ore.auth.domain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What to do with a presented refresh token (RFC 9700 §4.14.2, refresh token rotation):
 * rotate it, refuse it, answer a replay inside the grace window with an access token only (the
 * successor already exists; a second one would be a parallel session reuse detection never sees), or
 * — when a token that was already rotated comes back after the grace window — treat it as stolen and
 * revoke the whole family, so whoever holds the newer token loses it too.
 */
public enum RefreshDecision {
    ROTATE,
    ACCESS_ONLY,
    REJECT,
    REVOKE_FAMILY;

    /** The stored state of the presented token and its family. */
    public record State(Instant tokenExpiresAt, Optional<Instant> tokenUsedAt, Instant familyExpiresAt,
                        Optional<Instant> familyRevokedAt, boolean accountActive) {
    }

    public static RefreshDecision decide(Optional<State> found, Instant now, Duration reuseGrace) {
        if (found.isEmpty()) {
            return REJECT;
        }
        State s = found.get();
        if (s.familyRevokedAt().isPresent() || !s.accountActive()) {
            return REJECT;
        }
        if (!now.isBefore(s.familyExpiresAt()) || !now.isBefore(s.tokenExpiresAt())) {
            return REJECT;
        }
        if (s.tokenUsedAt().isPresent()) {
            boolean concurrent = !now.isAfter(s.tokenUsedAt().get().plus(reuseGrace));
            return concurrent ? ACCESS_ONLY : REVOKE_FAMILY;
        }
        return ROTATE;
    }
}
