package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Nonsense in, clear 4xx problem+json out: never a 500, never a stack trace. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private ApiTestSupport.Response postRaw(String path, String body, MediaType type) {
        return call(http, json, HttpRequest.POST(path, body).contentType(type));
    }

    private static void assertProblem(ApiTestSupport.Response r, int status) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsKeys("type", "title", "status", "code");
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.micronaut");
    }

    @Test
    void malformedJson() {
        assertProblem(postRaw("/api/auth/login", "{\"email\": ", MediaType.APPLICATION_JSON_TYPE), 400);
        assertProblem(postRaw("/api/auth/login", "not json at all", MediaType.APPLICATION_JSON_TYPE), 400);
    }

    @Test
    void wrongTypesAndMissingFields() {
        assertProblem(postRaw("/api/auth/login", "{\"email\": 42, \"password\": []}", MediaType.APPLICATION_JSON_TYPE), 400);
        var missing = call(http, json, HttpRequest.POST("/api/auth/login", Map.of("email", "a@example.com")));
        assertProblem(missing, 400);
        assertThat(missing.str("detail")).as("names the missing field").contains("password");
        assertProblem(postRaw("/api/auth/guest", "{}", MediaType.APPLICATION_JSON_TYPE), 400);
        assertProblem(postRaw("/api/auth/refresh", "[1,2,3]", MediaType.APPLICATION_JSON_TYPE), 400);
    }

    @Test
    void theMailedCodeRoutesRefuseNonsenseWithAProblem() {
        String[] routes = {"/api/auth/register", "/api/auth/email/confirm", "/api/auth/password/reset",
            "/api/auth/password/reset/confirm"};
        for (String route : routes) {
            assertProblem(postRaw(route, "{\"email\": ", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(route, "not json at all", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(route, "{}", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(route, "[1,2,3]", MediaType.APPLICATION_JSON_TYPE), 400);
            assertProblem(postRaw(route, "email=a", MediaType.TEXT_PLAIN_TYPE), 415);
        }
        var noPassword = call(http, json, HttpRequest.POST("/api/auth/register", Map.of("email", "a@example.com")));
        assertProblem(noPassword, 400);
        assertThat(noPassword.str("detail")).as("names the missing field").contains("password");
        var noCode = call(http, json, HttpRequest.POST("/api/auth/password/reset/confirm", Map.of("password", "long enough")));
        assertProblem(noCode, 400);
        assertThat(noCode.str("detail")).contains("code");
        for (String route : new String[] {"/api/auth/register", "/api/auth/password/reset"}) {
            var nul = call(http, json, HttpRequest.POST(route, Map.of("email", "a\u0000b@example.com", "password", "long enough")));
            assertProblem(nul, 400);
            assertThat(nul.str("code")).isEqualTo("auth.invalid_email");
        }
        for (String route : new String[] {"/api/auth/email/confirm", "/api/auth/password/reset/confirm"}) {
            var nul = call(http, json, HttpRequest.POST(route, Map.of("code", "evt_\u0000", "password", "long enough")));
            assertProblem(nul, 400);
            assertThat(nul.str("code")).isEqualTo("auth.invalid_code");
        }
        assertProblem(call(http, json, HttpRequest.POST("/api/auth/email/confirm", Map.of("code", "x".repeat(65)))), 400);
    }

    @Test
    void oversizedBodies() {
        String huge = "{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(100_000) + "\"}";
        var r = postRaw("/api/auth/login", huge, MediaType.APPLICATION_JSON_TYPE);
        assertThat(r.status()).isEqualTo(413);
        var tooLongPassword = call(http, json, HttpRequest.POST("/api/auth/login",
                Map.of("email", "a@example.com", "password", "x".repeat(5000))));
        assertProblem(tooLongPassword, 400);
    }

    @Test
    void wrongMediaTypeMethodAndRoute() {
        assertProblem(postRaw("/api/auth/login", "email=a", MediaType.TEXT_PLAIN_TYPE), 415);
        assertProblem(call(http, json, HttpRequest.GET("/api/auth/login")), 405);
        assertProblem(call(http, json, HttpRequest.GET("/api/auth/nope")), 404);
    }

    @Test
    void badTokensOnProtectedRoutes() {
        assertProblem(call(http, json, HttpRequest.GET("/api/auth/me")), 401);
        assertProblem(call(http, json, HttpRequest.GET("/api/auth/me").header("Authorization", "Bearer")), 401);
        assertProblem(call(http, json, HttpRequest.GET("/api/auth/me").header("Authorization", "Basic Zm9vOmJhcg==")), 401);
    }

    @Test
    void badInternalTokenRequests() {
        assertProblem(call(http, json, HttpRequest.POST("/internal/auth/token", Map.of("grant_type", "client_credentials"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).header("Authorization", "Basic !!!")), 401);
    }
}
