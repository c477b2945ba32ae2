package ore.auth.adapter.out.mail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import ore.auth.app.port.Mailer;

/**
 * Keeps sent mail in memory ({@code ore.auth.mail.provider=memory}): for tests that read what a
 * player would have received. Bounded to the last 1000 messages.
 */
public final class MemoryMailer implements Mailer {

    private final CopyOnWriteArrayList<Mail> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Mail mail) {
        if (mail.to() == null || mail.to().indexOf('@') < 1) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        sent.add(mail);
        while (sent.size() > 1000) {
            sent.remove(0);
        }
    }

    /** Every message sent to this address, oldest first. */
    public List<Mail> to(String address) {
        return sent.stream().filter(m -> m.to().equals(address)).toList();
    }
}
