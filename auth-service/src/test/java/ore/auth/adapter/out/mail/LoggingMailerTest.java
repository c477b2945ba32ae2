package ore.auth.adapter.out.mail;

import ore.auth.app.port.Mailer;

class LoggingMailerTest extends MailerContract {

    private final LoggingMailer mailer = new LoggingMailer();

    @Override
    Mailer mailer() {
        return mailer;
    }

    @Override
    boolean delivered(String to, String subject) {
        return true; // it only writes a log line
    }
}
