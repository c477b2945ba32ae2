package ore.auth.adapter.out.mail;

import ore.auth.app.port.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes mail to the log instead of sending it: for local runs, where a developer reads the
 * verification code from the console. The recipient is masked by the log encoder like any e-mail
 * address; the body is logged as is, so this mailer must never run in production
 * ({@code ore.auth.mail.provider=ses} there).
 */
public final class LoggingMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingMailer.class);

    @Override
    public void send(Mail mail) {
        if (mail.to() == null || mail.to().indexOf('@') < 1) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        LOG.info("mail to {}: {}\n{}", mail.to(), mail.subject(), mail.text());
    }
}
