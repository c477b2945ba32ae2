package ore.auth.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import ore.auth.app.port.LoginAttempts;
import ore.auth.app.port.MailBudget;
import ore.auth.app.port.Mailer;
import ore.auth.app.port.PasswordHasher;
import ore.auth.app.port.PlayerStore;
import ore.auth.app.port.Transactions;
import ore.auth.domain.AuthErrors;
import ore.auth.domain.account.DeviceId;
import ore.auth.domain.account.Email;
import ore.auth.domain.account.PasswordPolicy;
import ore.auth.domain.account.Player;
import ore.auth.domain.session.RefreshToken;
import ore.core.crypto.Sha256;
import ore.core.id.Ids;

/**
 * Accounts: e-mail registration and login, guest accounts by device id, and upgrading a guest to
 * an e-mail account under the same player id.
 *
 * <p>No enumeration: registering an e-mail that exists answers exactly as registering a new one
 * (and costs the same hash and one mail: a notice instead of a code), and an e-mail becomes a login
 * identifier only once the code mailed to it is confirmed; a failed login says "e-mail or password
 * is wrong" whether or not the e-mail exists, after the same Argon2 work; the lock-out after repeated
 * failures is keyed by the e-mail typed (not the account) and the client's address group, so a
 * stranger typing a victim's e-mail locks out only themselves. No address gets more mail than its
 * {@link MailBudget} allows; past it a request does nothing and answers the same.
 */
@Singleton
public class AccountService {

    private final PlayerStore players;
    private final PasswordHasher hasher;
    private final LoginAttempts attempts;
    private final SessionService sessions;
    private final Mailer mailer;
    private final MailBudget mailBudget;
    private final Transactions tx;
    private final Verification verification;
    private final Clock clock;

    public AccountService(PlayerStore players, PasswordHasher hasher, LoginAttempts attempts, SessionService sessions,
                          Mailer mailer, MailBudget mailBudget, Transactions tx, Verification verification, Clock clock) {
        this.players = players;
        this.hasher = hasher;
        this.attempts = attempts;
        this.sessions = sessions;
        this.mailer = mailer;
        this.mailBudget = mailBudget;
        this.tx = tx;
        this.verification = verification;
        this.clock = clock;
    }

    /**
     * Asks for an e-mail account. A free address gets a confirmation code (the request, with the
     * password's hash, waits as a pending registration until {@link #confirmEmail}); a taken one gets
     * a notice and nothing is created; an address past its mail budget gets nothing. The caller
     * cannot tell which happened.
     */
    public void register(String rawEmail, String password) {
        Email email = Email.parse(rawEmail);
        PasswordPolicy.check(password, email);
        if (!mailBudget.tryTake(email)) {
            return;
        }
        String hash = hasher.hash(password);
        if (players.byEmail(email).isPresent()) {
            mailer.send(new Mailer.Mail(email.value(), "Your ORE account",
                    "Someone asked to create an ORE account with this address, but it already has one. "
                            + "If that was you, sign in with it, or reset your password if you forgot it. "
                            + "If not, you can ignore this message."));
            return;
        }
        String code = newCode(EMAIL_CODE_PREFIX);
        Instant now = clock.instant();
        players.addPendingEmail(RefreshToken.hash(code), PlayerStore.PendingEmail.registration(email, hash), now,
                now.plus(verification.ttl()));
        mailer.send(new Mailer.Mail(email.value(), "Confirm your e-mail for ORE",
                "Someone, hopefully you, asked to create an ORE account with this address.\n"
                        + "Your confirmation code: " + code + "\nOr open " + verification.link() + code
                        + "\nIt is valid for " + verification.ttl().toMinutes() + " minutes. If you did not ask for "
                        + "this, ignore this message: no account is created without the code."));
    }

    /**
     * Signs in with e-mail and password. {@code clientGroup} is the caller's address group (IPv4
     * address or IPv6 /64): the attempt is counted for that group and account before the password is
     * checked (see {@link LoginAttempts}), and throttling fails closed.
     */
    public TokenPair login(String rawEmail, String password, String clientGroup) {
        Email email = Email.parse(rawEmail);
        if (password == null || password.length() > PasswordPolicy.MAX_LENGTH) {
            throw AuthErrors.invalidCredentials();
        }
        String account = attemptKey(email);
        String client = clientKey(clientGroup);
        Optional<Duration> wait = attempts.begin(account, client);
        if (wait.isPresent()) {
            throw AuthErrors.loginLocked(wait.get());
        }
        Optional<Player> player = players.byEmail(email).filter(Player::active);
        boolean ok;
        if (player.isPresent() && player.get().passwordHash().isPresent()) {
            ok = hasher.verify(player.get().passwordHash().get(), password);
        } else {
            hasher.verifyDummy(password);
            ok = false;
        }
        if (!ok) {
            throw AuthErrors.invalidCredentials();
        }
        attempts.succeeded(account, client);
        Player p = player.get();
        if (hasher.needsRehash(p.passwordHash().get())) {
            players.updatePasswordHash(p.id(), hasher.hash(password), clock.instant());
        }
        return sessions.open(p);
    }

    /** Signs in the guest account of this device, creating it on first launch. */
    public GuestSignIn guest(String rawDeviceId) {
        DeviceId device = new DeviceId(rawDeviceId);
        String hash = device.hash();
        Optional<Player> existing = players.byDeviceHash(hash);
        if (existing.isPresent()) {
            if (!existing.get().active()) {
                throw AuthErrors.accountGone();
            }
            return new GuestSignIn(false, sessions.open(existing.get()));
        }
        Instant now = clock.instant();
        Player guest = new Player(Ids.newId(clock), Player.Kind.GUEST, Optional.empty(), Optional.empty(), false,
                Optional.empty(), now, Optional.empty());
        if (!players.insert(guest, hash)) {
            // Another request for the same device won the race: sign in to the account it created.
            return new GuestSignIn(false, sessions.open(players.byDeviceHash(hash).orElseThrow()));
        }
        return new GuestSignIn(true, sessions.open(guest));
    }

    public record GuestSignIn(boolean created, TokenPair tokens) {
    }

    /**
     * A guest asks to become an e-mail account. The device credential must come with the request
     * (an access token alone, perhaps stolen, is not enough), and the e-mail becomes a login
     * identifier only once its owner confirms it with the code mailed to it ({@link #confirmEmail}).
     * The answer is the same whether or not the address is taken: a taken address gets a notice
     * instead of a code, so the requester learns nothing.
     */
    public void requestUpgrade(UUID playerId, String rawEmail, String password, String rawDeviceId) {
        Email email = Email.parse(rawEmail);
        PasswordPolicy.check(password, email);
        DeviceId device = new DeviceId(rawDeviceId);
        Player player = players.byId(playerId).filter(Player::active).orElseThrow(AuthErrors::accountGone);
        if (player.kind() != Player.Kind.GUEST) {
            throw AuthErrors.notAGuest();
        }
        if (players.byDeviceHash(device.hash()).map(Player::id).filter(playerId::equals).isEmpty()) {
            throw AuthErrors.deviceProofRequired();
        }
        if (!mailBudget.tryTake(email)) {
            return;
        }
        String hash = hasher.hash(password);
        if (players.byEmail(email).isPresent()) {
            mailer.send(new Mailer.Mail(email.value(), "Your ORE account",
                    "Someone asked to use this address for a new ORE account, but it already has one. "
                            + "If that was you, sign in with it instead. If not, you can ignore this message."));
            return;
        }
        String code = newCode(EMAIL_CODE_PREFIX);
        Instant now = clock.instant();
        players.addPendingEmail(RefreshToken.hash(code),
                PlayerStore.PendingEmail.upgrade(playerId, email, hash), now, now.plus(verification.ttl()));
        mailer.send(new Mailer.Mail(email.value(), "Confirm your e-mail for ORE",
                "Your confirmation code: " + code + "\nOr open " + verification.link() + code
                        + "\nIt is valid for " + verification.ttl().toMinutes() + " minutes."));
    }

    /** What confirming an e-mail did. */
    public sealed interface Confirmation {

        /** A guest became an e-mail account under the same player id. */
        record Upgraded(Player player) implements Confirmation {
        }

        /** A registration: the account now exists, and the confirmer is signed in to it. */
        record Registered(Player player, TokenPair tokens) implements Confirmation {
        }
    }

    /**
     * Confirms an e-mail with the mailed code: a pending registration becomes a new account (signed
     * in at once: the code proves the mailbox, and the password was chosen with the request), a
     * pending upgrade turns the guest into an e-mail account with the same player id. The code works
     * once. The requester proved they read this mailbox, so telling them that the address got an
     * account in the meantime (409) reveals nothing to a stranger.
     */
    public Confirmation confirmEmail(String code) {
        if (code == null || !code.matches(EMAIL_CODE_PREFIX + "[A-Za-z0-9_-]{43}")) {
            throw AuthErrors.invalidCode();
        }
        Instant now = clock.instant();
        record Outcome(boolean registered, UUID playerId) {
        }
        Outcome outcome = tx.inTransaction(() -> {
            PlayerStore.PendingEmail pending = players.takePendingEmail(RefreshToken.hash(code), now)
                    .orElseThrow(AuthErrors::invalidCode);
            if (pending.guestId().isEmpty()) {
                Player created = new Player(Ids.newId(clock), Player.Kind.REGISTERED, Optional.of(pending.email()),
                        Optional.of(pending.passwordHash()), false, Optional.empty(), now, Optional.empty());
                if (!players.insert(created, null)) {
                    throw AuthErrors.emailUnavailable();
                }
                return new Outcome(true, created.id());
            }
            Player guest = players.byId(pending.guestId().get()).filter(Player::active)
                    .orElseThrow(AuthErrors::accountGone);
            if (guest.kind() != Player.Kind.GUEST) {
                throw AuthErrors.notAGuest();
            }
            if (!players.upgrade(guest.id(), pending.email(), pending.passwordHash(), now)) {
                throw AuthErrors.emailUnavailable();
            }
            return new Outcome(false, guest.id());
        });
        Player player = players.byId(outcome.playerId()).orElseThrow();
        return outcome.registered() ? new Confirmation.Registered(player, sessions.open(player))
                : new Confirmation.Upgraded(player);
    }

    /** How e-mail confirmation codes live: their lifetime and the link the mail offers. */
    public record Verification(java.time.Duration ttl, String link) {
    }

    public Player active(UUID playerId) {
        return players.byId(playerId).filter(Player::active).orElseThrow(AuthErrors::accountGone);
    }

    /** The throttle key of an e-mail: a hash, so Redis holds no addresses. */
    static String attemptKey(Email email) {
        return Sha256.hex(email.value()).substring(0, 32);
    }

    /** The throttle key of a client address group. */
    static String clientKey(String clientGroup) {
        return Sha256.hex("client:" + clientGroup).substring(0, 24);
    }

    static final String EMAIL_CODE_PREFIX = "evt_";

    /** A single-use code: the prefix and 256 random bits in base64url; only its SHA-256 is stored. */
    static String newCode(String prefix) {
        return prefix + RefreshToken.generate().value().substring(4);
    }
}
