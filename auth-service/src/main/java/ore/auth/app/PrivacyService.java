package ore.auth.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.auth.app.port.EventOutbox;
import ore.auth.app.port.PlayerStore;
import ore.auth.app.port.SessionStore;
import ore.auth.app.port.Transactions;
import ore.auth.domain.AuthErrors;
import ore.auth.domain.account.Player;
import ore.auth.domain.account.WalletChange;

/**
 * GDPR: export of everything auth-service holds about a player (Art. 15/20) and erasure (Art. 17).
 *
 * <p>Erasure is two-step. The request locks the account out at once — its sessions are revoked and
 * every later sign-in or refresh fails — and emits {@code UserDeleted} through the outbox in the
 * same transaction, so every service purges its own data. A scheduled job deletes the account
 * rows after the grace period, well within the 30 days the regulation allows.
 */
@Singleton
public class PrivacyService {

    public static final String TOPIC = "ore.user.lifecycle";
    public static final String USER_DELETED = "UserDeleted";

    /** Type of the event on {@value #TOPIC} announcing a wallet link or unlink. */
    public static final String WALLET_CHANGED = "WalletChanged";

    /** Payload of {@code WalletChanged} on {@value #TOPIC}, keyed by the user id. */
    public record WalletChanged(UUID userId, String action, String address, long chainId, Instant changedAt) {
    }

    /** Payload of {@code UserDeleted} on {@value #TOPIC}, keyed by the user id. */
    public record UserDeleted(UUID userId, Instant requestedAt) {
    }

    public record Export(String format, Instant exportedAt, Player player, List<SessionStore.Session> sessions,
                         List<WalletChange> walletChanges) {
    }

    public record DeletionGrace(Duration value) {
    }

    private final PlayerStore players;
    private final SessionStore sessions;
    private final EventOutbox outbox;
    private final Transactions tx;
    private final Duration grace;
    private final Clock clock;

    public PrivacyService(PlayerStore players, SessionStore sessions, EventOutbox outbox, Transactions tx,
                          DeletionGrace grace, Clock clock) {
        this.players = players;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tx = tx;
        this.grace = grace.value();
        this.clock = clock;
    }

    public Export export(UUID playerId) {
        Player player = players.byId(playerId).filter(Player::active).orElseThrow(AuthErrors::accountGone);
        return new Export("ore.auth.export.v1", clock.instant(), player, sessions.sessionsOf(playerId),
                players.walletChanges(playerId));
    }

    public Instant requestDeletion(UUID playerId) {
        Instant now = clock.instant();
        tx.run(() -> {
            Player player = players.byId(playerId).filter(Player::active).orElseThrow(AuthErrors::accountGone);
            // Two deletion requests racing: only the one that changed the row announces it.
            if (players.requestDeletion(player.id(), now)) {
                sessions.revokeAllOf(player.id(), "account_deletion", now);
                outbox.publish(TOPIC, USER_DELETED, player.id().toString(), new UserDeleted(player.id(), now));
            }
        });
        return now.plus(grace);
    }

    /** Deletes the accounts whose grace period is over; returns how many. Safe to run on every instance. */
    public int purgeDue(int batchSize) {
        Instant cutoff = clock.instant().minus(grace);
        int total = 0;
        List<UUID> purged;
        do {
            purged = tx.inTransaction(() -> players.purgeRequestedBefore(cutoff, batchSize));
            total += purged.size();
        } while (purged.size() == batchSize);
        return total;
    }
}
