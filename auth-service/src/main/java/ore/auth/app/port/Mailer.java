package ore.auth.app.port;

/**
 * Sends e-mail to players. Contract: {@link #send} hands the message to the mail system or throws
 * (UNAVAILABLE) within a bounded time; it never blocks indefinitely. Delivery itself is the mail
 * system's business: a return means "accepted", not "read". Implementations never log the body in
 * production (it holds single-use codes).
 */
public interface Mailer {

    /** A plain-text message to one recipient. */
    record Mail(String to, String subject, String text) {

        @Override
        public String toString() {
            return "Mail[subject=" + subject + ", to=***]";
        }
    }

    void send(Mail mail);
}
