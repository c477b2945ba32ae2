package ore.auth.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import ore.auth.app.port.LoginAttempts;
import ore.auth.app.port.MailBudget;
import ore.auth.app.port.Mailer;
import ore.auth.app.port.PasswordHasher;
import ore.auth.app.port.PlayerStore;
import ore.auth.app.port.SessionStore;
import ore.auth.app.port.Transactions;
import ore.auth.domain.AuthErrors;
import ore.auth.domain.account.Email;
import ore.auth.domain.account.PasswordPolicy;
import ore.auth.domain.account.Player;
import ore.auth.domain.session.RefreshToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgotten passwords: a single-use code mailed to the account's address sets a new password.
 *
 * <p>No enumeration: {@link #request} answers the same whether or not the address has an account,
 * and takes the same time: it counts the address's mail budget and looks the account up in every
 * case, and the code and its mail are made in the background ({@code background}), so a slow mail
 * system cannot tell a stranger that a mail went out. Only an active account with a password gets a
 * code; nothing else happens otherwise.
 *
 * <p>{@link #confirm} sets the new password, consumes the code (and every other reset code of the
 * account), revokes every session of the player (all refresh-token families; access tokens already
 * issued run out within their lifetime) and clears the account's login lock-out, in that order.
 */
public class PasswordResetService {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetService.class);
    static final String CODE_PREFIX = "rst_";

    /** How reset codes live: their lifetime and the link the mail offers (the code is appended). */
    public record Settings(Duration ttl, String link) {
    }

    private final PlayerStore players;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final LoginAttempts attempts;
    private final Mailer mailer;
    private final MailBudget mailBudget;
    private final Transactions tx;
    private final Settings settings;
    private final Executor background;
    private final Clock clock;

    public PasswordResetService(PlayerStore players, SessionStore sessions, PasswordHasher hasher, LoginAttempts attempts,
                                Mailer mailer, MailBudget mailBudget, Transactions tx, Settings settings,
                                Executor background, Clock clock) {
        this.players = players;
        this.sessions = sessions;
        this.hasher = hasher;
        this.attempts = attempts;
        this.mailer = mailer;
        this.mailBudget = mailBudget;
        this.tx = tx;
        this.settings = settings;
        this.background = background;
        this.clock = clock;
    }

    /** Mails a reset code if an active account with a password has this address; the caller cannot tell. */
    public void request(String rawEmail) {
        Email email = Email.parse(rawEmail);
        if (!mailBudget.tryTake(email)) {
            return;
        }
        Optional<UUID> player = players.byEmail(email).filter(Player::active)
                .filter(p -> p.passwordHash().isPresent()).map(Player::id);
        player.ifPresent(id -> background.execute(() -> mailCode(id, email)));
    }

    private void mailCode(UUID playerId, Email email) {
        try {
            String code = AccountService.newCode(CODE_PREFIX);
            Instant now = clock.instant();
            players.addPasswordReset(RefreshToken.hash(code), playerId, now, now.plus(settings.ttl()));
            mailer.send(new Mailer.Mail(email.value(), "Reset your ORE password",
                    "Someone, hopefully you, asked to reset the password of the ORE account with this address.\n"
                            + "Your reset code: " + code + "\nOr open " + settings.link() + code
                            + "\nIt is valid for " + settings.ttl().toMinutes() + " minutes and works once. "
                            + "Resetting signs you out everywhere. If you did not ask for this, ignore this "
                            + "message: your password stays as it is."));
        } catch (RuntimeException e) {
            // Nobody waits for this answer; the player can ask again.
            LOG.warn("A password reset mail was not sent: {}", e.toString());
        }
    }

    /**
     * Sets a new password with a mailed code. An unknown, used or expired code, or one whose account
     * is gone, is {@code auth.invalid_code}; a password against the policy is {@code auth.weak_password}
     * and leaves the code usable. {@code clientGroup} is the caller's address group, whose login
     * lock-out on the account is lifted with the account-wide one.
     */
    public void confirm(String code, String newPassword, String clientGroup) {
        if (code == null || !code.matches(CODE_PREFIX + "[A-Za-z0-9_-]{43}")) {
            throw AuthErrors.invalidCode();
        }
        String codeHash = RefreshToken.hash(code);
        // Checked before the password is hashed, so made-up codes cost one lookup, not an Argon2 hash.
        UUID playerId = players.passwordResetFor(codeHash, clock.instant()).orElseThrow(AuthErrors::invalidCode);
        Player player = activeWithEmail(playerId).orElseThrow(AuthErrors::invalidCode);
        Email email = player.email().orElseThrow();
        PasswordPolicy.check(newPassword, email);
        String hash = hasher.hash(newPassword);
        Instant now = clock.instant();
        tx.run(() -> {
            players.takePasswordReset(codeHash, now).filter(playerId::equals).orElseThrow(AuthErrors::invalidCode);
            activeWithEmail(playerId).filter(p -> p.email().equals(Optional.of(email)))
                    .orElseThrow(AuthErrors::invalidCode);
            players.updatePasswordHash(playerId, hash, now);
            players.dropPasswordResets(playerId);
            sessions.revokeAllOf(playerId, "password_reset", now);
        });
        try {
            attempts.passwordReset(AccountService.attemptKey(email), AccountService.clientKey(clientGroup));
        } catch (RuntimeException e) {
            // The password has changed and the sessions are revoked; a lock-out left behind runs out by itself.
            LOG.warn("Login lock-out not cleared after a password reset: {}", e.toString());
        }
    }

    private Optional<Player> activeWithEmail(UUID playerId) {
        return players.byId(playerId).filter(Player::active).filter(p -> p.email().isPresent());
    }
}
