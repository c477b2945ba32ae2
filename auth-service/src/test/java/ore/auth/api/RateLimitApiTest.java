package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Rate limits kept in the real Redis: a stricter budget on register, the default per-IP budget elsewhere. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of(
                "ore.rate-limit.per-ip-per-minute", "30",
                "ore.rate-limit.routes.register.limit", "3",
                "ore.rate-limit.trusted-proxies", "1"));
    }

    @Test
    void theRouteBudgetIsStricterAndAnswers429WithRetryAfter() {
        int lastStatus = 0;
        ApiTestSupport.Response last = null;
        for (int i = 0; i < 4; i++) {
            last = call(http, json, HttpRequest.POST("/api/auth/register",
                    Map.of("email", "rl" + i + "@example.com", "password", "correct horse"))
                    .header("X-Forwarded-For", "198.51.100.7"));
            lastStatus = last.status();
            if (i < 3) {
                assertThat(lastStatus).isEqualTo(202);
            }
        }
        assertThat(lastStatus).isEqualTo(429);
        assertThat(last.str("code")).isEqualTo("request.rate_limited");
        assertThat(Integer.parseInt(last.headers().get("Retry-After"))).isBetween(1, 60);
        // Another client (another address as written by the trusted proxy) is not affected.
        var other = call(http, json, HttpRequest.POST("/api/auth/register",
                Map.of("email", "other@example.com", "password", "correct horse"))
                .header("X-Forwarded-For", "198.51.100.7, 203.0.113.9"));
        assertThat(other.status()).isEqualTo(202);
    }

    @Test
    void theDefaultPerIpBudgetAppliesToEveryRouteButHealth() {
        // The budget is 30 a minute (one more every 2 s) with a burst of 30: the first 429 comes after
        // at least 30 answers, and within 100 requests unless they took over two minutes. No clock
        // is read: a slow machine only moves the first 429 later within that margin.
        int firstLimited = -1;
        for (int i = 0; i < 100 && firstLimited < 0; i++) {
            var r = call(http, json, HttpRequest.GET("/api/auth/.well-known/jwks.json").header("X-Forwarded-For", "192.0.2.44"));
            if (r.status() == 429) {
                firstLimited = i;
            } else {
                assertThat(r.status()).isEqualTo(200);
            }
        }
        assertThat(firstLimited).as("requests answered before the first 429").isBetween(30, 99);
        for (int i = 0; i < 40; i++) {
            assertThat(call(http, json, HttpRequest.GET("/health").header("X-Forwarded-For", "192.0.2.44")).status())
                    .isEqualTo(200);
        }
    }
}
