package ore.auth.adapter.out.mail;

import java.util.regex.Pattern;
import ore.auth.app.port.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes mail to the log instead of sending it ({@code ore.auth.mail.provider=log}): for local runs.
 * The recipient is masked by the log encoder like any e-mail address. The single-use codes in the
 * body ({@code evt_…}, {@code rst_…}) are replaced by {@code ***} unless {@code revealCodes} is set
 * ({@code ore.auth.mail.log-codes=true}): only a local run or a benchmark against a throw-away
 * database may set it, where a developer or the load generator reads the code from the console. A
 * code in a log is a key to the account, so production runs {@code ses} and never sets it.
 */
public final class LoggingMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingMailer.class);
    private static final Pattern CODE = Pattern.compile("\\b(evt|rst)_[A-Za-z0-9_-]{20,}");

    private final boolean revealCodes;

    public LoggingMailer(boolean revealCodes) {
        this.revealCodes = revealCodes;
    }

    @Override
    public void send(Mail mail) {
        if (mail.to() == null || mail.to().indexOf('@') < 1) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        LOG.info("mail to {}: {}\n{}", mail.to(), mail.subject(), revealCodes ? mail.text() : withoutCodes(mail.text()));
    }

    /** The text with every single-use code replaced by its prefix and {@code ***}. */
    static String withoutCodes(String text) {
        return text == null ? null : CODE.matcher(text).replaceAll("$1_***");
    }
}
