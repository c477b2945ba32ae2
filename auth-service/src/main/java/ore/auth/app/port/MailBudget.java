package ore.auth.app.port;

import ore.auth.domain.account.Email;

/**
 * How many mails auth-service may send to one address: at most a fixed number per window (3 an hour
 * by default), whatever asked for them (registration, guest upgrade, password reset), so nobody can
 * flood a mailbox through auth-service.
 *
 * <p>Contract: {@link #tryTake} counts and decides in one atomic step shared by all instances, and
 * the store holds no addresses (a hash of the address keys the count). When the store cannot be
 * reached it throws (UNAVAILABLE): no mail goes out uncounted.
 */
public interface MailBudget {

    /** Counts one mail to the address; false when the address's budget for the window is spent (send nothing). */
    boolean tryTake(Email to);
}
