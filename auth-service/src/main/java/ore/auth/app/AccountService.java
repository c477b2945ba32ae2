package ore.auth.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import ore.auth.app.port.LoginAttempts;
import ore.auth.app.port.Mailer;
import ore.auth.app.port.PasswordHasher;
import ore.auth.app.port.PlayerStore;
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
 * (and costs the same hash); a failed login says "e-mail or password is wrong" whether or not the
 * e-mail exists, after the same Argon2 work; the lock-out after repeated failures is keyed by the
 * e-mail typed (not the account) and the client's address group, so a stranger typing a victim's
 * e-mail locks out only themselves.
 */
@Singleton
public class AccountService {

    private final PlayerStore players;
    private final PasswordHasher hasher;
    private final LoginAttempts attempts;
    private final SessionService sessions;
    private final Mailer mailer;
    private final Verification verification;
    private final Clock clock;

    public AccountService(PlayerStore players, PasswordHasher hasher, LoginAttempts attempts, SessionService sessions,
                          Mailer mailer, Verification verification, Clock clock) {
        this.players = players;
        this.hasher = hasher;
        this.attempts = attempts;
        this.sessions = sessions;
        this.mailer = mailer;
        this.verification = verification;
        this.clock = clock;
    }

    /** Creates the account unless the e-mail is taken; the caller cannot tell which happened. */
    public void register(String rawEmail, String password) {
        Email email = Email.parse(rawEmail);
        PasswordPolicy.check(password, email);
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        players.insert(new Player(Ids.newId(clock), Player.Kind.REGISTERED, Optional.of(email), Optional.of(hash),
                false, Optional.empty(), now, Optional.empty()), null);
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
        String client = Sha256.hex("client:" + clientGroup).substring(0, 24);
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
        String hash = hasher.hash(password);
        if (players.byEmail(email).isPresent()) {
            mailer.send(new Mailer.Mail(email.value(), "Your ORE account",
                    "Someone asked to use this address for a new ORE account, but it already has one. "
                            + "If that was you, sign in with it instead. If not, you can ignore this message."));
            return;
        }
        String code = "evt_" + RefreshToken.generate().value().substring(4);
        Instant now = clock.instant();
        players.addPendingEmail(RefreshToken.hash(code),
                new PlayerStore.PendingEmail(playerId, email, hash), now, now.plus(verification.ttl()));
        mailer.send(new Mailer.Mail(email.value(), "Confirm your e-mail for ORE",
                "Your confirmation code: " + code + "\nOr open " + verification.link() + code
                        + "\nIt is valid for " + verification.ttl().toMinutes() + " minutes."));
    }

    /** Confirms an e-mail with the mailed code: the guest becomes an e-mail account, same player id. */
    public Player confirmEmail(String code) {
        if (code == null || !code.matches("evt_[A-Za-z0-9_-]{43}")) {
            throw AuthErrors.invalidCode();
        }
        Instant now = clock.instant();
        PlayerStore.PendingEmail pending = players.takePendingEmail(RefreshToken.hash(code), now)
                .orElseThrow(AuthErrors::invalidCode);
        Player player = players.byId(pending.playerId()).filter(Player::active).orElseThrow(AuthErrors::accountGone);
        if (player.kind() != Player.Kind.GUEST) {
            throw AuthErrors.notAGuest();
        }
        // The requester proved they read this mailbox: telling them the address got taken meanwhile is fine.
        if (!players.upgrade(player.id(), pending.email(), pending.passwordHash(), now)) {
            throw AuthErrors.emailUnavailable();
        }
        return players.byId(player.id()).orElseThrow();
    }

    /** How e-mail confirmation codes live: their lifetime and the link the mail offers. */
    public record Verification(java.time.Duration ttl, String link) {
    }

    public Player active(UUID playerId) {
        return players.byId(playerId).filter(Player::active).orElseThrow(AuthErrors::accountGone);
    }

    /** The throttle key of an e-mail: a hash, so Redis holds no addresses. */
    private static String attemptKey(Email email) {
        return Sha256.hex(email.value()).substring(0, 32);
    }
}
