package ore.auth.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import ore.auth.app.port.PlayerStore;
import ore.auth.app.port.SessionStore;
import ore.auth.app.port.TokenSigner;
import ore.auth.app.port.Transactions;
import ore.auth.domain.AuthErrors;
import ore.auth.domain.account.Player;
import ore.auth.domain.session.AccessClaims;
import ore.auth.domain.session.RefreshDecision;
import ore.auth.domain.session.RefreshToken;
import ore.auth.domain.session.TokenPolicy;
import ore.core.id.Ids;

/**
 * Sessions: a sign-in opens a refresh family and returns an access token and a refresh token;
 * refreshing rotates the refresh token; presenting a rotated token again within the grace window
 * (a client's own requests racing) yields an access token only, never a second successor, so one
 * stolen token cannot fork a parallel session; presenting it after the window revokes the family
 * (RFC 9700 §4.14.2); logout revokes it.
 */
@Singleton
public class SessionService {

    private final SessionStore sessions;
    private final PlayerStore players;
    private final TokenSigner signer;
    private final Transactions tx;
    private final TokenPolicy policy;
    private final Clock clock;

    public SessionService(SessionStore sessions, PlayerStore players, TokenSigner signer, Transactions tx,
                          TokenPolicy policy, Clock clock) {
        this.sessions = sessions;
        this.players = players;
        this.signer = signer;
        this.tx = tx;
        this.policy = policy;
        this.clock = clock;
    }

    /** Opens a new session for a player who just proved who they are. */
    public TokenPair open(Player player) {
        Instant now = clock.instant();
        UUID family = Ids.newId(clock);
        RefreshToken refresh = RefreshToken.generate();
        tx.run(() -> {
            sessions.createFamily(family, player.id(), now, now.plus(policy.sessionLifetime()));
            sessions.addToken(refresh.hash(), family, now, now.plus(policy.refreshTtl()));
        });
        return new TokenPair(player.id(), accessToken(player, family, now), policy.accessTtl().toSeconds(),
                refresh.value());
    }

    public TokenPair refresh(String presented) {
        if (!RefreshToken.wellFormed(presented)) {
            throw AuthErrors.invalidRefreshToken();
        }
        String hash = RefreshToken.hash(presented);
        Instant now = clock.instant();
        record Outcome(RefreshDecision decision, Player player, UUID family, RefreshToken next) {
        }
        Outcome outcome = tx.inTransaction(() -> {
            Optional<SessionStore.StoredToken> stored = sessions.lockToken(hash);
            Optional<Player> player = stored.flatMap(s -> players.byId(s.playerId()));
            RefreshDecision decision = RefreshDecision.decide(stored.map(SessionStore.StoredToken::state), now,
                    policy.reuseGrace());
            switch (decision) {
                case REJECT -> {
                    return new Outcome(decision, null, null, null);
                }
                case REVOKE_FAMILY -> {
                    sessions.revokeFamily(stored.get().familyId(), "refresh_token_reuse", now);
                    return new Outcome(decision, null, null, null);
                }
                case ACCESS_ONLY -> {
                    // A replay inside the grace window (two requests of one client racing): the
                    // successor was already issued once, so no second refresh token, only an access token.
                    return new Outcome(decision, player.orElseThrow(), stored.get().familyId(), null);
                }
                default -> {
                    RefreshToken next = RefreshToken.generate();
                    sessions.markUsed(hash, now);
                    sessions.addToken(next.hash(), stored.get().familyId(), now, now.plus(policy.refreshTtl()));
                    return new Outcome(decision, player.orElseThrow(), stored.get().familyId(), next);
                }
            }
        });
        return switch (outcome.decision()) {
            case REJECT -> throw AuthErrors.invalidRefreshToken();
            case REVOKE_FAMILY -> throw AuthErrors.refreshTokenReused();
            case ROTATE -> new TokenPair(outcome.player().id(), accessToken(outcome.player(), outcome.family(), now),
                    policy.accessTtl().toSeconds(), outcome.next().value());
            case ACCESS_ONLY -> new TokenPair(outcome.player().id(), accessToken(outcome.player(), outcome.family(), now),
                    policy.accessTtl().toSeconds(), null);
        };
    }

    /** Revokes the session the access token belongs to. Idempotent. */
    public void logout(UUID sessionId) {
        sessions.revokeFamily(sessionId, "logout", clock.instant());
    }

    /**
     * Checks, in the caller's transaction, that the session the caller's access token names is still
     * the player's and live (not logged out, not revoked for refresh-token reuse or deletion, not
     * expired), locking it so a concurrent logout waits; and that the caller proved more than holding
     * an access token: the session was opened within {@code freshSignIn}, or {@code refreshToken} is
     * the session's current refresh token. Wallet changes require this, so a stolen access token can
     * neither keep itself alive nor redirect payouts.
     */
    public void requireFreshSession(UUID playerId, UUID sessionId, Optional<String> refreshToken, Duration freshSignIn) {
        Instant now = clock.instant();
        var session = sessions.lockSession(sessionId).filter(s -> s.playerId().equals(playerId));
        if (session.isEmpty() || !session.get().liveAt(now)) {
            throw AuthErrors.sessionEnded();
        }
        boolean recentSignIn = !now.isAfter(session.get().createdAt().plus(freshSignIn));
        boolean holdsRefreshToken = refreshToken.filter(RefreshToken::wellFormed)
                .map(t -> sessions.isCurrentToken(RefreshToken.hash(t), sessionId, now))
                .orElse(false);
        if (!recentSignIn && !holdsRefreshToken) {
            throw AuthErrors.freshProofRequired();
        }
    }

    /** A new access token for a session that {@link #requireFreshSession} has just checked. */
    public String accessTokenFor(Player player, UUID sessionId) {
        return accessToken(player, sessionId, clock.instant());
    }

    public long accessTtlSeconds() {
        return policy.accessTtl().toSeconds();
    }

    private String accessToken(Player player, UUID family, Instant now) {
        return signer.sign(new AccessClaims(player.id().toString(), AccessClaims.PLAYER_AUDIENCE, player.roles(),
                player.wallet().map(Player.Wallet::address), Optional.of(family), now,
                now.plus(policy.accessTtl()), Ids.newId(clock)));
    }
}
