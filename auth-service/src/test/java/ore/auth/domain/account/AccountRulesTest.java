package ore.auth.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import ore.core.error.DomainException;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

    @Test
    void emailsAreNormalised() {
        assertThat(Email.parse("  Alice@Example.COM ").value()).isEqualTo("alice@example.com");
    }

    @Test
    void badEmailsAreRejectedWithACode() {
        for (String bad : new String[] {null, "", "alice", "alice@", "@example.com", "a@b", "a b@example.com",
                "x".repeat(250) + "@example.com"}) {
            assertThatThrownBy(() -> Email.parse(bad)).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("auth.invalid_email");
        }
    }

    @Test
    void passwordPolicy() {
        var email = Email.parse("alice@example.com");
        PasswordPolicy.check("correct horse", email);
        assertThatThrownBy(() -> PasswordPolicy.check("short", email)).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> PasswordPolicy.check("x".repeat(129), email)).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> PasswordPolicy.check("ALICE@example.com", email)).hasMessageContaining("e-mail");
    }

    @Test
    void deviceIdShape() {
        new DeviceId("9f1c2b7e-4d1a-4a39");
        assertThatThrownBy(() -> new DeviceId("short")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new DeviceId("has space in it")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new DeviceId("x".repeat(129))).isInstanceOf(DomainException.class);
        assertThat(new DeviceId("abcdefghijk").toString()).doesNotContain("abcdefghijk");
    }

    @Test
    void backoffDoublesAfterTheFreeAttemptsUpToTheCeiling() {
        var b = LoginBackoff.DEFAULT;
        assertThat(b.lockAfter(4)).isZero();
        assertThat(b.lockAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.lockAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.lockAfter(7)).isEqualTo(Duration.ofSeconds(120));
        assertThat(b.lockAfter(100)).isEqualTo(Duration.ofMinutes(15));
    }
}
