package ore.auth.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.auth.domain.session.RefreshDecision;

/**
 * Refresh-token families and their tokens (hashes only). {@link #lockToken} must be called in a
 * transaction: it locks the token's row so two refreshes of one token are serialized.
 */
public interface SessionStore {

    record StoredToken(UUID familyId, UUID playerId, RefreshDecision.State state) {
    }

    record Session(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                   Optional<Instant> revokedAt, Optional<String> revokeReason) {
    }

    /** A session (refresh family) as wallet changes check it: whose, since when, until when, revoked or not. */
    record SessionState(UUID playerId, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt) {

        public boolean liveAt(Instant now) {
            return revokedAt.isEmpty() && now.isBefore(expiresAt);
        }
    }

    /** The session, its row locked until the transaction ends (so a concurrent logout waits); in a transaction. */
    Optional<SessionState> lockSession(UUID familyId);

    /** True when the token is the family's current refresh token: not yet rotated, not expired. */
    boolean isCurrentToken(String tokenHash, UUID familyId, Instant now);

    void createFamily(UUID familyId, UUID playerId, Instant now, Instant expiresAt);

    void addToken(String tokenHash, UUID familyId, Instant issuedAt, Instant expiresAt);

    Optional<StoredToken> lockToken(String tokenHash);

    void markUsed(String tokenHash, Instant now);

    void revokeFamily(UUID familyId, String reason, Instant now);

    void revokeAllOf(UUID playerId, String reason, Instant now);

    List<Session> sessionsOf(UUID playerId);

    /** Deletes tokens and families that expired before {@code cutoff}; how many rows went. */
    int deleteExpired(Instant cutoff);
}
