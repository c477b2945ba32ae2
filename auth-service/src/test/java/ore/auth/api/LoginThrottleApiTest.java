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
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import ore.auth.app.port.Mailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Login throttling (issue 8, item 4) and client addresses behind the ALB (item 10), over HTTP with
 * the production default of one trusted proxy: the test client plays the ALB by sending
 * {@code X-Forwarded-For}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    Mailer mailer;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of(
                "ore.rate-limit.routes.register.limit", "3",
                "ore.auth.login.account-ceiling", "12"));
    }

    private ApiTestSupport.Response login(String email, String password, String clientIp) {
        return call(http, json, post("/api/auth/login", Map.of("email", email, "password", password))
                .header("X-Forwarded-For", clientIp));
    }

    private static String newEmail() {
        return "t-" + UUID.randomUUID() + "@example.com";
    }

    private static String ip() {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private void register(String email, String password) {
        ApiTestSupport.registerConfirmed(http, json, mailer, email, password, ip());
    }

    @Test
    void aParallelBurstOfGuessesGetsNoMoreThanTheFreeAttempts() throws Exception {
        String email = newEmail();
        register(email, "correct horse");
        String attacker = ip();
        int checked = 0;
        try (var pool = Executors.newFixedThreadPool(12)) {
            var calls = new ArrayList<Callable<ApiTestSupport.Response>>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> login(email, "guess " + UUID.randomUUID(), attacker));
            }
            for (var f : pool.invokeAll(calls)) {
                int status = f.get().status();
                assertThat(status).isIn(401, 429);
                if (status == 401) {
                    checked++;
                }
            }
        }
        // Each attempt is counted before its password is checked: at most 5 guesses were tried.
        assertThat(checked).isLessThanOrEqualTo(5);
    }

    @Test
    void aStrangerTypingTheVictimsEmailLocksOnlyThemselves() {
        String email = newEmail();
        register(email, "correct horse");
        String stranger = ip();
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "wrong password", stranger).status()).isEqualTo(401);
        }
        var locked = login(email, "wrong password", stranger);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.str("code")).isEqualTo("auth.login_locked");
        // The owner, from their own address, is not locked out.
        assertThat(login(email, "correct horse", ip()).status()).isEqualTo(200);
    }

    @Test
    void pastTheAccountCeilingStrangersAreSlowedButTheOwnersKnownClientIsNot() {
        String email = newEmail();
        register(email, "correct horse");
        String owner = ip();
        assertThat(login(email, "correct horse", owner).status()).isEqualTo(200);
        // A botnet: many addresses, a few guesses each, together past the account's ceiling (12).
        int throttled = 0;
        for (int i = 0; i < 8; i++) {
            String bot = ip();
            for (int j = 0; j < 3; j++) {
                if (login(email, "guess " + i + j, bot).status() == 429) {
                    throttled++;
                }
            }
        }
        assertThat(throttled).isGreaterThan(0);
        assertThat(login(email, "correct horse", owner).status()).isEqualTo(200);
    }

    @Test
    void eachClientBehindTheAlbHasItsOwnBudget() {
        String alice = "203.0.113." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
        String bob = "2001:db8:" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":1::1";
        String bobSameSlash64 = bob.replace("::1", "::2");
        for (int i = 0; i < 3; i++) {
            assertThat(registerFrom(alice)).isEqualTo(202);
        }
        assertThat(registerFrom(alice)).isEqualTo(429);
        // Another player behind the same ALB is not affected...
        for (int i = 0; i < 3; i++) {
            assertThat(registerFrom(bob)).isEqualTo(202);
        }
        // ...but another address in the same IPv6 /64 is the same client.
        assertThat(registerFrom(bobSameSlash64)).isEqualTo(429);
    }

    private int registerFrom(String ip) {
        return call(http, json, post("/api/auth/register", Map.of("email", newEmail(), "password", "correct horse"))
                .header("X-Forwarded-For", "10.9.8.7, " + ip)).status();
    }
}
