package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static ore.auth.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import ore.auth.adapter.out.mail.MemoryMailer;
import ore.auth.app.port.Mailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Guest upgrade (issue 8, item 9): the device credential is required, the answer never tells whether
 * the address is taken, and the e-mail becomes a login only once its owner confirms the mailed code.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeApiTest implements TestPropertyProvider {

    private static final Pattern CODE = Pattern.compile("evt_[A-Za-z0-9_-]{43}");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    Mailer mailer;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private record Guest(String device, String playerId, String access) {
    }

    private Guest guest() {
        String device = "device-" + UUID.randomUUID();
        @SuppressWarnings("unchecked")
        var tokens = (Map<String, Object>) call(http, json, post("/api/auth/guest", Map.of("deviceId", device)))
                .json().get("tokens");
        return new Guest(device, (String) tokens.get("playerId"), (String) tokens.get("accessToken"));
    }

    private ApiTestSupport.Response upgrade(Guest g, String email, String deviceId) {
        var body = new HashMap<String, Object>(Map.of("email", email, "password", "correct horse"));
        if (deviceId != null) {
            body.put("deviceId", deviceId);
        }
        return call(http, json, post("/api/auth/upgrade", body).bearerAuth(g.access()));
    }

    private ApiTestSupport.Response login(String email) {
        return call(http, json, post("/api/auth/login", Map.of("email", email, "password", "correct horse")));
    }

    private static String newEmail() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    private java.util.List<Mailer.Mail> mailTo(String email) {
        return ((MemoryMailer) mailer).to(email);
    }

    @Test
    void anAccessTokenAloneCannotUpgradeAGuest() {
        Guest g = guest();
        assertThat(upgrade(g, newEmail(), null).status()).isEqualTo(400);
        var wrong = upgrade(g, newEmail(), "device-" + UUID.randomUUID());
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.str("code")).isEqualTo("auth.device_proof_required");
        assertThat(upgrade(g, newEmail(), guest().device()).status()).as("another guest's device").isEqualTo(403);
    }

    @Test
    void aTakenAndAFreeAddressGetTheSameAnswer() {
        String taken = newEmail();
        ApiTestSupport.registerConfirmed(http, json, mailer, taken, "correct horse");
        int mailsBefore = mailTo(taken).size();
        Guest g = guest();
        var toTaken = upgrade(g, taken, g.device());
        var toFree = upgrade(g, newEmail(), g.device());
        assertThat(toTaken.status()).isEqualTo(202);
        assertThat(toFree.status()).isEqualTo(202);
        assertThat(toTaken.raw()).isEqualTo(toFree.raw());
        // The owner of the taken address gets a notice, never a code.
        assertThat(mailTo(taken).subList(mailsBefore, mailTo(taken).size())).singleElement()
                .satisfies(m -> assertThat(CODE.matcher(m.text()).find()).isFalse());
    }

    @Test
    void theAddressBecomesALoginOnlyOnceItsOwnerConfirms() {
        Guest g = guest();
        String email = newEmail();
        assertThat(upgrade(g, email, g.device()).status()).isEqualTo(202);
        assertThat(login(email).status()).as("not before the confirmation").isEqualTo(401);

        var matcher = CODE.matcher(mailTo(email).getLast().text());
        assertThat(matcher.find()).isTrue();
        String code = matcher.group();
        var confirmed = call(http, json, post("/api/auth/email/confirm", Map.of("code", code)));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.str("kind")).isEqualTo("registered");
        assertThat(confirmed.str("playerId")).isEqualTo(g.playerId());
        assertThat(login(email).str("playerId")).isEqualTo(g.playerId());

        var again = call(http, json, post("/api/auth/email/confirm", Map.of("code", code)));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.str("code")).isEqualTo("auth.invalid_code");
        // The device no longer opens the upgraded account: it starts a new guest.
        assertThat(call(http, json, post("/api/auth/guest", Map.of("deviceId", g.device()))).status()).isEqualTo(201);
    }

    @Test
    void garbageCodesAre400() {
        for (String bad : new String[] {"nope", "evt_" + "A".repeat(43)}) {
            var r = call(http, json, post("/api/auth/email/confirm", Map.of("code", bad)));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.str("code")).isEqualTo("auth.invalid_code");
        }
    }
}
