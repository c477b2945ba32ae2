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
import java.util.Map;
import java.util.UUID;
import ore.auth.app.port.Mailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** E-mail input (issue 8, item 5): never a 500, never two look-alike spellings of one address. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailInputApiTest implements TestPropertyProvider {

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

    @Test
    void controlFormatAndLookAlikeCharactersAre400NotA500() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String[] bad = {
            "nul\u0000" + id + "@example.com",            // NUL: PostgreSQL refuses it
            "bell\u0007" + id + "@example.com",
            "rtl\u200F" + id + "@example.com",            // right-to-left mark, invisible
            "zw\u200B" + id + "@example.com",             // zero-width space
            "bidi\u202E" + id + "@example.com",           // right-to-left override
            id + "@ex\u0430mple.com",                     // Cyrillic a in the domain
            id + "@\u0435xample.com",                     // Cyrillic e
            id + "@example.com\u0000"};
        for (String email : bad) {
            for (String path : new String[] {"/api/auth/register", "/api/auth/login", "/api/auth/password/reset"}) {
                var r = call(http, json, post(path, Map.of("email", email, "password", "correct horse")));
                assertThat(r.status()).as(path + " " + email.codePoints().mapToObj(Integer::toHexString).toList()).isEqualTo(400);
                assertThat(r.str("code")).isEqualTo("auth.invalid_email");
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void composedAndDecomposedSpellingsAreOneAccount() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String composed = "ren\u00e9-" + id + "@example.com";
        String decomposed = "rene\u0301-" + id + "@EXAMPLE.com";
        ApiTestSupport.registerConfirmed(http, json, mailer, composed, "correct horse");
        var login = call(http, json, post("/api/auth/login", Map.of("email", decomposed, "password", "correct horse")));
        assertThat(login.status()).isEqualTo(200);
    }
}
