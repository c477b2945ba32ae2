package ore.auth.api;

import static ore.auth.api.ApiTestSupport.EMAIL_CODE;
import static ore.auth.api.ApiTestSupport.call;
import static ore.auth.api.ApiTestSupport.lastCode;
import static ore.auth.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.auth.app.port.Mailer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Registration by mailed confirmation (security review): the answer never tells whether the address
 * has an account, the account exists only once the code mailed to the address is confirmed, and no
 * address gets more than 3 mails an hour.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationApiTest implements TestPropertyProvider {

    private final TestClock clock = new TestClock();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    Mailer mailer;

    @Inject
    DSLContext db;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private static String newEmail() {
        return "r-" + UUID.randomUUID() + "@example.com";
    }

    private ApiTestSupport.Response register(String email, String password) {
        return call(http, json, post("/api/auth/register", Map.of("email", email, "password", password)));
    }

    private ApiTestSupport.Response confirm(String code) {
        return call(http, json, post("/api/auth/email/confirm", Map.of("code", code)));
    }

    private ApiTestSupport.Response login(String email, String password) {
        return call(http, json, post("/api/auth/login", Map.of("email", email, "password", password)));
    }

    private List<Mailer.Mail> mailTo(String email) {
        return ApiTestSupport.mailTo(mailer, email);
    }

    private int accountsWith(String email) {
        return db.fetchCount(DSL.table(DSL.name("auth", "player")), DSL.field("email", String.class).eq(email));
    }

    @Test
    void theAccountExistsOnlyOnceTheMailedCodeIsConfirmed() {
        String email = newEmail();
        var requested = register(email, "correct horse");
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.str("status")).isEqualTo("confirmation_sent");
        assertThat(login(email, "correct horse").status()).as("not before the confirmation").isEqualTo(401);
        assertThat(accountsWith(email)).isZero();

        assertThat(mailTo(email)).singleElement().satisfies(m -> assertThat(m.subject()).contains("Confirm"));
        String code = lastCode(mailer, email, EMAIL_CODE).orElseThrow();
        var confirmed = confirm(code);
        assertThat(confirmed.status()).isEqualTo(201);
        // The same shape as a login: the code proved the mailbox, so the new player is signed in.
        assertThat(confirmed.json()).containsKeys("playerId", "accessToken", "tokenType", "expiresIn", "refreshToken");
        assertThat(confirmed.str("tokenType")).isEqualTo("Bearer");
        var me = call(http, json, HttpRequest.GET("/api/auth/me").bearerAuth(confirmed.str("accessToken")));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.str("email")).isEqualTo(email);
        assertThat(me.str("kind")).isEqualTo("registered");
        assertThat(me.str("playerId")).isEqualTo(confirmed.str("playerId"));
        assertThat(call(http, json, post("/api/auth/refresh", Map.of("refreshToken", confirmed.str("refreshToken"))))
                .status()).isEqualTo(200);

        var login = login(email, "correct horse");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.str("playerId")).isEqualTo(confirmed.str("playerId"));

        var again = confirm(code);
        assertThat(again.status()).as("the code works once").isEqualTo(400);
        assertThat(again.str("code")).isEqualTo("auth.invalid_code");
        assertThat(accountsWith(email)).isEqualTo(1);
    }

    @Test
    void aTakenAddressGetsTheSameAnswerANoticeAndNoSecondAccount() {
        String taken = newEmail();
        ApiTestSupport.registerConfirmed(http, json, mailer, taken, "correct horse");
        int mailsBefore = mailTo(taken).size();

        var toTaken = register(taken.toUpperCase(), "another password");
        var toFree = register(newEmail(), "correct horse");
        assertThat(toTaken.status()).isEqualTo(202).isEqualTo(toFree.status());
        assertThat(toTaken.raw()).isEqualTo(toFree.raw());
        assertThat(toTaken.contentType()).isEqualTo(toFree.contentType());

        var notice = mailTo(taken).subList(mailsBefore, mailTo(taken).size());
        assertThat(notice).singleElement().satisfies(m -> {
            assertThat(EMAIL_CODE.matcher(m.text()).find()).as("a notice, never a code").isFalse();
            assertThat(m.text()).contains("already has one").contains("reset your password");
        });
        assertThat(accountsWith(taken)).isEqualTo(1);
        assertThat(login(taken, "correct horse").status()).isEqualTo(200);
        assertThat(login(taken, "another password").status()).isEqualTo(401);
    }

    @Test
    void whenTheAddressGotAnAccountMeanwhileTheLaterConfirmationIs409() {
        String email = newEmail();
        register(email, "first password");
        String first = lastCode(mailer, email, EMAIL_CODE).orElseThrow();
        register(email, "second password");
        String second = lastCode(mailer, email, EMAIL_CODE).orElseThrow();
        assertThat(second).isNotEqualTo(first);

        assertThat(confirm(second).status()).isEqualTo(201);
        var late = confirm(first);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.str("code")).isEqualTo("auth.email_unavailable");
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(accountsWith(email)).isEqualTo(1);
        assertThat(login(email, "second password").status()).isEqualTo(200);
        assertThat(login(email, "first password").status()).isEqualTo(401);
    }

    @Test
    void anExpiredCodeCreatesNothing() {
        String email = newEmail();
        register(email, "correct horse");
        String code = lastCode(mailer, email, EMAIL_CODE).orElseThrow();
        clock.advance(Duration.ofMinutes(31));
        try {
            var expired = confirm(code);
            assertThat(expired.status()).isEqualTo(400);
            assertThat(expired.str("code")).isEqualTo("auth.invalid_code");
        } finally {
            clock.reset();
        }
        assertThat(accountsWith(email)).isZero();
        assertThat(login(email, "correct horse").status()).isEqualTo(401);
    }

    @Test
    void badCodesAre400() {
        for (String bad : new String[] {"nope", "evt_" + "A".repeat(43), "rst_" + "A".repeat(43), "evt_\u0000"}) {
            var r = confirm(bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.str("code")).isEqualTo("auth.invalid_code");
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aNewAddressGetsAtMostThreeCodesAnHourAndTheAnswerStaysTheSame() {
        String email = newEmail();
        var answers = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var r = register(email, "correct horse " + i);
            assertThat(r.status()).isEqualTo(202);
            answers.add(r.raw());
        }
        assertThat(answers).containsOnly(register(newEmail(), "correct horse").raw());
        assertThat(mailTo(email)).hasSize(3);
        // A code that did go out still creates the account.
        assertThat(confirm(lastCode(mailer, email, EMAIL_CODE).orElseThrow()).status()).isEqualTo(201);
    }

    @Test
    void theMailBudgetIsTheAddressesWhateverAsksForTheMail() {
        String email = newEmail();
        ApiTestSupport.registerConfirmed(http, json, mailer, email, "correct horse");      // mail 1: the code
        assertThat(resetRequest(email).status()).isEqualTo(202);                          // mail 2: a reset code
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(email).size() == 2);
        assertThat(register(email, "another password").status()).isEqualTo(202);         // mail 3: a notice
        assertThat(mailTo(email)).hasSize(3);
        // The budget is spent: the same answers, and nothing is sent (nor queued: nothing is left to arrive).
        assertThat(resetRequest(email).raw()).isEqualTo(resetRequest(newEmail()).raw());
        assertThat(register(email, "another password").status()).isEqualTo(202);
        assertThat(mailTo(email)).hasSize(3);
    }

    private ApiTestSupport.Response resetRequest(String email) {
        return call(http, json, post("/api/auth/password/reset", Map.of("email", email)));
    }
}
