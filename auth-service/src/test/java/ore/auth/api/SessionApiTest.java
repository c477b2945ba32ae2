package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static ore.auth.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import ore.auth.app.port.Mailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    Mailer mailer;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of("ore.auth.tokens.reuse-grace", "2s"));
    }

    private ApiTestSupport.Response send(io.micronaut.http.MutableHttpRequest<?> request) {
        return call(http, json, request);
    }

    private String newEmail() {
        return "p-" + UUID.randomUUID() + "@example.com";
    }

    private ApiTestSupport.Response login(String email, String password) {
        return send(post("/api/auth/login", Map.of("email", email, "password", password)));
    }

    private void register(String email) {
        ApiTestSupport.registerConfirmed(http, json, mailer, email, "correct horse");
    }

    @Test
    void registerAnswersTheSameWhetherOrNotTheEmailExists() {
        String email = newEmail();
        var fresh = send(post("/api/auth/register", Map.of("email", newEmail(), "password", "correct horse")));
        register(email);
        var taken = send(post("/api/auth/register", Map.of("email", email.toUpperCase(), "password", "other password")));
        assertThat(fresh.status()).isEqualTo(202);
        assertThat(taken.status()).isEqualTo(202);
        assertThat(taken.raw()).isEqualTo(fresh.raw());
        // The second registration changed nothing: the first password still works.
        assertThat(login(email, "correct horse").status()).isEqualTo(200);
        assertThat(login(email, "other password").status()).isEqualTo(401);
    }

    @Test
    void loginIssuesAnEs256AccessTokenAndARefreshToken() {
        String email = newEmail();
        register(email);
        var r = login(email, "correct horse");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.str("tokenType")).isEqualTo("Bearer");
        assertThat(((Number) r.json().get("expiresIn")).intValue()).isEqualTo(900);
        assertThat(r.str("refreshToken")).startsWith("ort_");
        var me = send(HttpRequest.GET("/api/auth/me").bearerAuth(r.str("accessToken")));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.str("email")).isEqualTo(email);
        assertThat(me.str("playerId")).isEqualTo(r.str("playerId"));
        assertThat(me.json().get("roles")).isEqualTo(List.of("player"));
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() {
        String email = newEmail();
        register(email);
        var wrong = login(email, "wrong password");
        var unknown = login(newEmail(), "wrong password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.str("code")).isEqualTo("auth.invalid_credentials").isEqualTo(unknown.str("code"));
        assertThat(wrong.str("detail")).isEqualTo(unknown.str("detail"));
        assertThat(wrong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void repeatedFailuresLockTheEmailWithRetryAfterEvenIfNoAccountHasIt() {
        for (String email : new String[] {newEmail(), newEmail()}) {
            for (int i = 0; i < 5; i++) {
                assertThat(login(email, "wrong password").status()).isEqualTo(401);
            }
            var locked = login(email, "wrong password");
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.str("code")).isEqualTo("auth.login_locked");
            assertThat(Integer.parseInt(locked.headers().get("Retry-After"))).isBetween(1, 30);
        }
    }

    @Test
    void refreshRotatesAndReuseAfterGraceRevokesTheWholeFamily() throws Exception {
        String email = newEmail();
        register(email);
        var first = login(email, "correct horse");
        var second = send(post("/api/auth/refresh", Map.of("refreshToken", first.str("refreshToken"))));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.str("refreshToken")).isNotEqualTo(first.str("refreshToken"));
        assertThat(second.str("playerId")).isEqualTo(first.str("playerId"));

        Thread.sleep(2_200); // past the 2 s grace configured for this test
        var reuse = send(post("/api/auth/refresh", Map.of("refreshToken", first.str("refreshToken"))));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.str("code")).isEqualTo("auth.refresh_token_reused");
        // The thief's reuse also cost the legitimate holder the newer token.
        var newer = send(post("/api/auth/refresh", Map.of("refreshToken", second.str("refreshToken"))));
        assertThat(newer.status()).isEqualTo(401);
        assertThat(newer.str("code")).isEqualTo("auth.invalid_refresh_token");
    }

    @Test
    void concurrentRefreshesOfOneTokenWithinTheGraceAllSucceed() throws Exception {
        String email = newEmail();
        register(email);
        String token = login(email, "correct horse").str("refreshToken");
        try (var pool = Executors.newFixedThreadPool(4)) {
            var calls = new ArrayList<Callable<ApiTestSupport.Response>>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> send(post("/api/auth/refresh", Map.of("refreshToken", token))));
            }
            for (var f : pool.invokeAll(calls)) {
                assertThat(f.get().status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aReplayInsideTheGraceGetsAnAccessTokenButNoSecondRefreshToken() {
        String email = newEmail();
        register(email);
        String stolen = login(email, "correct horse").str("refreshToken");
        var legitimate = send(post("/api/auth/refresh", Map.of("refreshToken", stolen)));
        var replay = send(post("/api/auth/refresh", Map.of("refreshToken", stolen)));
        assertThat(legitimate.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.str("accessToken")).isNotBlank();
        // No independent successor: the replay cannot fork a parallel 90-day session.
        assertThat(replay.json()).doesNotContainKey("refreshToken");
        assertThat(send(post("/api/auth/refresh", Map.of("refreshToken", legitimate.str("refreshToken")))).status())
                .isEqualTo(200);
    }

    @Test
    void garbageRefreshTokensAreRejected() {
        for (String bad : new String[] {"nope", "ort_" + "A".repeat(43)}) {
            var r = send(post("/api/auth/refresh", Map.of("refreshToken", bad)));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.str("code")).isEqualTo("auth.invalid_refresh_token");
        }
    }

    @Test
    void logoutRevokesTheSession() {
        String email = newEmail();
        register(email);
        var tokens = login(email, "correct horse");
        var logout = send(post("/api/auth/logout", Map.of()).bearerAuth(tokens.str("accessToken")));
        assertThat(logout.status()).isEqualTo(204);
        var refresh = send(post("/api/auth/refresh", Map.of("refreshToken", tokens.str("refreshToken"))));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(send(post("/api/auth/logout", Map.of())).status()).isEqualTo(401);
    }

    @Test
    void guestSignInCreatesOnceThenSignsInToTheSameAccount() {
        String device = "device-" + UUID.randomUUID();
        var first = send(post("/api/auth/guest", Map.of("deviceId", device)));
        var again = send(post("/api/auth/guest", Map.of("deviceId", device)));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(first.json().get("created")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        var firstTokens = (Map<String, Object>) first.json().get("tokens");
        @SuppressWarnings("unchecked")
        var againTokens = (Map<String, Object>) again.json().get("tokens");
        assertThat(againTokens.get("playerId")).isEqualTo(firstTokens.get("playerId"));
    }

    @Test
    void weakPasswordsAndBadEmailsAre400WithACode() {
        var weak = send(post("/api/auth/register", Map.of("email", newEmail(), "password", "short")));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.str("code")).isEqualTo("auth.weak_password");
        var bad = send(post("/api/auth/register", Map.of("email", "not-an-email", "password", "correct horse")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.str("code")).isEqualTo("auth.invalid_email");
        var device = send(post("/api/auth/guest", Map.of("deviceId", "short")));
        assertThat(device.status()).isEqualTo(400);
        assertThat(device.str("code")).isEqualTo("auth.invalid_device_id");
    }
}
