package ore.auth.app.port;

import java.time.Duration;
import java.util.Optional;

/**
 * Login throttling shared by all instances. Keys are opaque (hashes of the e-mail typed and of the
 * client's address group), so the store holds no addresses.
 *
 * <p>Contract: {@link #begin} counts the attempt and decides in one atomic step, before the password
 * is checked; each (account, client group) pair gets a few free attempts and then locks with a growing
 * back-off, so a stranger can lock out only themselves; past a per-account ceiling, client groups that
 * never signed in to the account are slowed to one attempt per interval, while the owner's known groups
 * are not. When the store cannot be reached {@code begin} throws (UNAVAILABLE): login fails closed.
 */
public interface LoginAttempts {

    /** Counts one attempt; empty when it may proceed, else how long the caller must wait. */
    Optional<Duration> begin(String account, String clientGroup);

    /** The attempt succeeded: the pair's failures are forgotten and the client group becomes known to the account. */
    void succeeded(String account, String clientGroup);

    /**
     * The account's owner reset its password from this client group: as {@link #succeeded}, and the
     * account-wide count (and the slow-down it may have caused) starts over, since no guess of the old
     * password matters any more.
     */
    void passwordReset(String account, String clientGroup);
}
