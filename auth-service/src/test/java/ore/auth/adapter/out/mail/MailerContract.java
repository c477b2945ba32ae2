package ore.auth.adapter.out.mail;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ore.auth.app.port.Mailer;
import org.junit.jupiter.api.Test;

/** What every {@link Mailer} must do; each implementation's test extends this. */
abstract class MailerContract {

    abstract Mailer mailer();

    /** Whether the implementation saw the message (for implementations that can tell). */
    abstract boolean delivered(String to, String subject);

    @Test
    void acceptsAPlainTextMessage() {
        String to = "p-" + System.nanoTime() + "@example.com";
        assertThatCode(() -> mailer().send(new Mailer.Mail(to, "Your ORE code", "Code: evt_123\nValid 30 minutes.")))
                .doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(delivered(to, "Your ORE code")).isTrue();
    }

    @Test
    void refusesSomethingThatIsNotAnAddress() {
        assertThatThrownBy(() -> mailer().send(new Mailer.Mail("nobody", "s", "t")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
