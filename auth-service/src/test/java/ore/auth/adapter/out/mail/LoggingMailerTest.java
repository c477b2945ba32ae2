package ore.auth.adapter.out.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ore.auth.app.port.Mailer;
import org.junit.jupiter.api.Test;

class LoggingMailerTest extends MailerContract {

    private final LoggingMailer mailer = new LoggingMailer(false);

    @Override
    Mailer mailer() {
        return mailer;
    }

    @Override
    boolean delivered(String to, String subject) {
        return true; // it only writes a log line
    }

    @Test
    void codesAreKeptOutOfTheLogUnlessALocalRunAsksForThem() {
        String code = "evt_" + "Ab1-_".repeat(8) + "xyz";
        String reset = "rst_" + "Zz9_-".repeat(8) + "abc";
        String text = "Your code: " + code + "\nOr open https://play.ore.test/confirm?code=" + code + "\nReset: " + reset;
        String logged = LoggingMailer.withoutCodes(text);
        assertThat(logged).doesNotContain(code).doesNotContain(reset)
                .contains("Your code: evt_***").contains("?code=evt_***").contains("Reset: rst_***");
        assertThat(LoggingMailer.withoutCodes("no code here, evt_short")).isEqualTo("no code here, evt_short");
    }
}
