package ore.auth.api;

import static ore.auth.api.ApiTestSupport.EMAIL_CODE;
import static ore.auth.api.ApiTestSupport.RESET_CODE;
import static ore.auth.api.ApiTestSupport.call;
import static ore.auth.api.ApiTestSupport.lastCode;
import static ore.auth.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import ore.auth.app.port.Mailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Password reset (security review): the request answers the same whether or not the address has an
 * account and mails a code only to an account; the code works once, for 30 minutes; a reset revokes
 * every session and lifts the login lock-out.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordResetApiTest implements TestPropertyProvider {

    private static final String OLD = "correct horse";
    private static final String NEW = "battery staple";

    private final TestClock clock = new TestClock();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    Mailer mailer;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private static String newEmail() {
        return "pw-" + UUID.randomUUID() + "@example.com";
    }

    private static String ip() {
        var r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private String account() {
        String email = newEmail();
        ApiTestSupport.registerConfirmed(http, json, mailer, email, OLD);
        return email;
    }

    private ApiTestSupport.Response request(String email) {
        return call(http, json, post("/api/auth/password/reset", Map.of("email", email)));
    }

    private ApiTestSupport.Response confirm(String code, String password) {
        return call(http, json, post("/api/auth/password/reset/confirm", Map.of("code", code, "password", password)));
    }

    private ApiTestSupport.Response login(String email, String password) {
        return call(http, json, post("/api/auth/login", Map.of("email", email, "password", password)));
    }

    private List<Mailer.Mail> mailTo(String email) {
        return ApiTestSupport.mailTo(mailer, email);
    }

    /** Asks for a reset and waits for its mail (it is sent off the request's path); the code. */
    private String resetCode(String email) {
        int before = mailTo(email).size();
        assertThat(request(email).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(email).size() > before);
        return lastCode(mailer, email, RESET_CODE).orElseThrow();
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        String known = account();
        String unknown = newEmail();
        String pendingOnly = newEmail();
        call(http, json, post("/api/auth/register", Map.of("email", pendingOnly, "password", OLD)));

        var toKnown = request(known);
        var toUnknown = request(unknown);
        var toPending = request(pendingOnly);
        assertThat(toKnown.status()).isEqualTo(202);
        assertThat(toUnknown.status()).isEqualTo(202);
        assertThat(toUnknown.raw()).isEqualTo(toKnown.raw()).isEqualTo(toPending.raw());
        assertThat(toUnknown.contentType()).isEqualTo(toKnown.contentType());
        assertThat(toUnknown.str("status")).isEqualTo("reset_requested");

        await().atMost(Duration.ofSeconds(10)).until(() -> lastCode(mailer, known, RESET_CODE).isPresent());
        // Nothing happens for an address without an account, nor for a registration not yet confirmed.
        assertThat(mailTo(unknown)).isEmpty();
        assertThat(mailTo(pendingOnly)).singleElement()
                .satisfies(m -> assertThat(RESET_CODE.matcher(m.text()).find()).isFalse());
    }

    @Test
    void aResetSetsTheNewPasswordOnceAndEndsEverySession() {
        String email = account();
        var phone = login(email, OLD);
        var laptop = login(email, OLD);
        assertThat(phone.status()).isEqualTo(200);
        assertThat(laptop.status()).isEqualTo(200);

        String code = resetCode(email);
        assertThat(mailTo(email).getLast().subject()).contains("Reset");
        var done = confirm(code, NEW);
        assertThat(done.status()).isEqualTo(204);
        assertThat(done.raw()).isEmpty();

        assertThat(login(email, NEW).status()).isEqualTo(200);
        var old = login(email, OLD);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.str("code")).isEqualTo("auth.invalid_credentials");
        for (var session : List.of(phone, laptop)) {
            var refresh = call(http, json, post("/api/auth/refresh", Map.of("refreshToken", session.str("refreshToken"))));
            assertThat(refresh.status()).isEqualTo(401);
            assertThat(refresh.str("code")).isEqualTo("auth.invalid_refresh_token");
        }

        var again = confirm(code, "a third password");
        assertThat(again.status()).as("the code works once").isEqualTo(400);
        assertThat(again.str("code")).isEqualTo("auth.invalid_code");
        assertThat(login(email, "a third password").status()).isEqualTo(401);
    }

    @Test
    void usingOneCodeVoidsTheOthers() {
        String email = account();
        String first = resetCode(email);
        String second = resetCode(email);
        assertThat(confirm(second, NEW).status()).isEqualTo(204);
        assertThat(confirm(first, "a third password").str("code")).isEqualTo("auth.invalid_code");
        assertThat(login(email, NEW).status()).isEqualTo(200);
    }

    @Test
    void anExpiredCodeIsRefused() {
        String email = account();
        String code = resetCode(email);
        clock.advance(Duration.ofMinutes(31));
        try {
            var expired = confirm(code, NEW);
            assertThat(expired.status()).isEqualTo(400);
            assertThat(expired.str("code")).isEqualTo("auth.invalid_code");
        } finally {
            clock.reset();
        }
        assertThat(login(email, OLD).status()).isEqualTo(200);
        assertThat(login(email, NEW).status()).isEqualTo(401);
    }

    @Test
    void wrongCodesAreOneStable400() {
        String email = account();
        String confirmationCode = "evt_" + "B".repeat(43);
        for (String bad : new String[] {"nope", "rst_" + "A".repeat(43), confirmationCode, "rst_" + "A".repeat(42) + "\u0000"}) {
            var r = confirm(bad, NEW);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.str("code")).isEqualTo("auth.invalid_code");
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        // An e-mail confirmation code is not a reset code, even a real one.
        String real = newEmail();
        call(http, json, post("/api/auth/register", Map.of("email", real, "password", OLD)));
        assertThat(confirm(lastCode(mailer, real, EMAIL_CODE).orElseThrow(), NEW).str("code")).isEqualTo("auth.invalid_code");
        assertThat(login(email, OLD).status()).isEqualTo(200);
    }

    @Test
    void aWeakPasswordIs400AndLeavesTheCodeUsable() {
        String email = account();
        String code = resetCode(email);
        var weak = confirm(code, "short");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.str("code")).isEqualTo("auth.weak_password");
        var sameAsEmail = confirm(code, email);
        assertThat(sameAsEmail.str("code")).isEqualTo("auth.weak_password");
        assertThat(confirm(code, NEW).status()).isEqualTo(204);
        assertThat(login(email, NEW).status()).isEqualTo(200);
    }

    @Test
    void aResetLiftsTheLoginLockOutOfTheAccount() {
        String email = account();
        String owner = ip();
        for (int i = 0; i < 5; i++) {
            login(email, "forgotten " + i, owner);
        }
        assertThat(login(email, OLD, owner).status()).as("locked out").isEqualTo(429);

        String code = resetCode(email);
        var done = call(http, json, post("/api/auth/password/reset/confirm", Map.of("code", code, "password", NEW))
                .header("X-Forwarded-For", owner));
        assertThat(done.status()).isEqualTo(204);
        assertThat(login(email, NEW, owner).status()).isEqualTo(200);
    }

    private ApiTestSupport.Response login(String email, String password, String ip) {
        return call(http, json, post("/api/auth/login", Map.of("email", email, "password", password))
                .header("X-Forwarded-For", ip));
    }

    @Test
    void resetMailsCountAgainstTheAddressesBudget() {
        String email = account();                     // 1 mail
        resetCode(email);                             // 2
        resetCode(email);                             // 3
        var fourth = request(email);
        assertThat(fourth.status()).isEqualTo(202);
        assertThat(fourth.raw()).isEqualTo(request(newEmail()).raw());
        // Past the budget nothing is queued either, so there is nothing left to wait for.
        assertThat(mailTo(email)).hasSize(3);
    }
}
