package ore.auth.adapter.out.mail;

import ore.auth.app.port.Mailer;

class MemoryMailerTest extends MailerContract {

    private final MemoryMailer mailer = new MemoryMailer();

    @Override
    Mailer mailer() {
        return mailer;
    }

    @Override
    boolean delivered(String to, String subject) {
        return mailer.to(to).stream().anyMatch(m -> m.subject().equals(subject));
    }
}
