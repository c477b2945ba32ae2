package ore.auth.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ore.auth.adapter.out.mail.MemoryMailer;
import ore.auth.app.port.Mailer;
import ore.testkit.Need;
import ore.testkit.OreInfra;

/**
 * What every API test of auth-service needs: a fresh PostgreSQL database, Redis DB and the Kafka
 * broker (via ore-testkit), ephemeral signing keys, generous rate limits (one test class checks the
 * limits), mail kept in memory ({@link MemoryMailer}: tests read the codes a player would get), a
 * small client that returns status, headers and JSON for any response, and registration the way a
 * player does it (register, read the mailed code, confirm).
 */
final class ApiTestSupport {

    private ApiTestSupport() {
    }

    static Map<String, String> properties(Map<String, String> overrides) {
        var props = new HashMap<>(OreInfra.micronautProperties(Need.POSTGRES, Need.REDIS, Need.KAFKA));
        props.put("ore.auth.signing.allow-ephemeral-keys", "true");
        props.put("ore.auth.siwe.domain", "play.ore.test");
        props.put("ore.auth.siwe.uri", "https://play.ore.test");
        props.put("ore.auth.siwe.chain-ids", "137,80002");
        props.put("ore.rate-limit.per-ip-per-minute", "10000");
        props.put("ore.rate-limit.per-user-per-minute", "10000");
        for (String route : new String[] {"login", "register", "email-confirm", "password-reset", "guest", "refresh",
            "siwe", "upgrade"}) {
            props.put("ore.rate-limit.routes." + route + ".limit", "10000");
        }
        props.put("ore.auth.mail.provider", "memory");
        props.put("ore.outbox.poll-interval", "50ms");
        props.putAll(overrides);
        return props;
    }

    /** A response of any status, body parsed as JSON when there is one. */
    record Response(int status, Map<String, Object> json, io.micronaut.http.HttpHeaders headers, String raw) {

        String contentType() {
            return headers.get("Content-Type");
        }

        String str(String field) {
            return (String) json.get(field);
        }
    }

    static Response call(HttpClient http, JsonMapper json, MutableHttpRequest<?> request) {
        try {
            var response = http.toBlocking().exchange(request, String.class);
            String body = response.getBody(String.class).orElse("");
            return new Response(response.code(), parse(json, body), response.getHeaders(), body);
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("");
            return new Response(e.getStatus().getCode(), parse(json, body), e.getResponse().getHeaders(), body);
        }
    }

    static MutableHttpRequest<?> post(String path, Object body) {
        return HttpRequest.POST(path, body);
    }

    static final Pattern EMAIL_CODE = Pattern.compile("evt_[A-Za-z0-9_-]{43}");
    static final Pattern RESET_CODE = Pattern.compile("rst_[A-Za-z0-9_-]{43}");

    /** Every mail the address got, oldest first ({@code ore.auth.mail.provider=memory}). */
    static List<Mailer.Mail> mailTo(Mailer mailer, String email) {
        return ((MemoryMailer) mailer).to(email);
    }

    /** The code of this kind in the newest mail to the address that has one. */
    static Optional<String> lastCode(Mailer mailer, String email, Pattern code) {
        List<Mailer.Mail> mails = mailTo(mailer, email);
        for (int i = mails.size() - 1; i >= 0; i--) {
            Matcher m = code.matcher(mails.get(i).text());
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /**
     * Registers an e-mail account as a player does: register (202), read the code from the mail,
     * confirm it (201). Returns the confirmation's answer: the new player's tokens, as a login's.
     */
    static Response registerConfirmed(HttpClient http, JsonMapper json, Mailer mailer, String email, String password) {
        return registerConfirmed(http, json, mailer, email, password, null);
    }

    /** As above, with the client address the ALB would write ({@code X-Forwarded-For}), when not null. */
    static Response registerConfirmed(HttpClient http, JsonMapper json, Mailer mailer, String email, String password,
                                      String forwardedFor) {
        var register = post("/api/auth/register", Map.of("email", email, "password", password));
        if (forwardedFor != null) {
            register.header("X-Forwarded-For", forwardedFor);
        }
        var requested = call(http, json, register);
        if (requested.status() != 202) {
            throw new AssertionError("register answered " + requested.status() + ": " + requested.raw());
        }
        String code = lastCode(mailer, email, EMAIL_CODE)
                .orElseThrow(() -> new AssertionError("no confirmation code was mailed to " + email));
        var confirmRequest = post("/api/auth/email/confirm", Map.of("code", code));
        if (forwardedFor != null) {
            confirmRequest.header("X-Forwarded-For", forwardedFor);
        }
        var confirmed = call(http, json, confirmRequest);
        if (confirmed.status() != 201) {
            throw new AssertionError("confirm answered " + confirmed.status() + ": " + confirmed.raw());
        }
        return confirmed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(JsonMapper json, String body) {
        if (body == null || body.isBlank() || !(body.startsWith("{"))) {
            return Map.of();
        }
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
