package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.auth.domain.siwe.Eip55;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;

/**
 * Wallet changes (issue 8, item 1): only from a live session, and only with fresh proof (a recent
 * sign-in or the session's refresh token); every change is an event and an entry in the export.
 * This class sets the "recent sign-in" window to zero, so every change needs the refresh token.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletSessionApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext db;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of("ore.auth.wallet.fresh-sign-in", "0s"));
    }

    private record Session(String playerId, String access, String refresh) {
    }

    private Session guest() {
        var r = call(http, json, HttpRequest.POST("/api/auth/guest", Map.of("deviceId", "dev-" + UUID.randomUUID())));
        @SuppressWarnings("unchecked")
        var tokens = (Map<String, Object>) r.json().get("tokens");
        return new Session((String) tokens.get("playerId"), (String) tokens.get("accessToken"),
                (String) tokens.get("refreshToken"));
    }

    private ApiTestSupport.Response link(Session s, Credentials wallet, String refreshToken) {
        String nonce = call(http, json, HttpRequest.GET("/api/auth/siwe/nonce").bearerAuth(s.access())).str("nonce");
        String message = SiweFixture.message(wallet, nonce);
        var body = new HashMap<String, Object>(Map.of("message", message, "signature", SiweFixture.sign(wallet, message)));
        if (refreshToken != null) {
            body.put("refreshToken", refreshToken);
        }
        return call(http, json, HttpRequest.POST("/api/auth/siwe/verify", body).bearerAuth(s.access()));
    }

    private ApiTestSupport.Response unlink(Session s, String refreshToken) {
        MutableHttpRequest<?> request = refreshToken == null ? HttpRequest.DELETE("/api/auth/wallet")
                : HttpRequest.DELETE("/api/auth/wallet", Map.of("refreshToken", refreshToken));
        return call(http, json, request.bearerAuth(s.access()));
    }

    @Test
    void aLoggedOutSessionCanNeitherChangeTheWalletNorMintTokens() {
        Session s = guest();
        assertThat(link(s, SiweFixture.wallet(), s.refresh()).status()).isEqualTo(200);
        assertThat(call(http, json, HttpRequest.POST("/api/auth/logout", Map.of()).bearerAuth(s.access())).status())
                .isEqualTo(204);
        // The access token is still a valid JWT for up to 15 minutes, but its session is gone.
        var unlink = unlink(s, s.refresh());
        assertThat(unlink.status()).isEqualTo(401);
        assertThat(unlink.str("code")).isEqualTo("auth.session_ended");
        var relink = link(s, SiweFixture.wallet(), s.refresh());
        assertThat(relink.status()).isEqualTo(401);
        assertThat(relink.str("code")).isEqualTo("auth.session_ended");
    }

    @Test
    void anAccessTokenAloneCannotChangeTheWalletOfAnOlderSession() {
        Session s = guest();
        var withoutProof = link(s, SiweFixture.wallet(), null);
        assertThat(withoutProof.status()).isEqualTo(403);
        assertThat(withoutProof.str("code")).isEqualTo("auth.fresh_proof_required");
        var wrongProof = link(s, SiweFixture.wallet(), guest().refresh());
        assertThat(wrongProof.status()).isEqualTo(403);
        assertThat(link(s, SiweFixture.wallet(), s.refresh()).status()).isEqualTo(200);
        assertThat(unlink(s, null).status()).isEqualTo(403);
        assertThat(unlink(s, s.refresh()).status()).isEqualTo(200);
    }

    @Test
    void aRotatedRefreshTokenIsNoProof() {
        Session s = guest();
        var rotated = call(http, json, HttpRequest.POST("/api/auth/refresh", Map.of("refreshToken", s.refresh())));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(link(s, SiweFixture.wallet(), s.refresh()).status()).isEqualTo(403);
        assertThat(link(s, SiweFixture.wallet(), rotated.str("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void everyChangeIsAnEventAndAnEntryInTheExport() {
        Session s = guest();
        Credentials wallet = SiweFixture.wallet();
        String address = Eip55.toChecksum(wallet.getAddress());
        assertThat(link(s, wallet, s.refresh()).status()).isEqualTo(200);
        assertThat(unlink(s, s.refresh()).status()).isEqualTo(200);

        var export = call(http, json, HttpRequest.GET("/api/auth/me/export").bearerAuth(s.access()));
        assertThat(export.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var changes = (List<Map<String, Object>>) export.json().get("walletChanges");
        assertThat(changes).extracting(c -> c.get("action")).containsExactly("linked", "unlinked");
        assertThat(changes).extracting(c -> c.get("address")).containsOnly(address);

        List<String> events = db.select(DSL.field("envelope", String.class)).from(DSL.table(DSL.name("auth", "outbox")))
                .where(DSL.field("event_type", String.class).eq("WalletChanged")
                        .and(DSL.field("event_key", String.class).eq(s.playerId())))
                .orderBy(DSL.field("created_at"))
                .fetch(0, String.class);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).contains("\"action\": \"linked\"").contains(address);
        assertThat(events.get(1)).contains("\"action\": \"unlinked\"");
    }

    @Test
    void tokenAnswersAreNeverCached() {
        var r = call(http, json, HttpRequest.POST("/api/auth/guest", Map.of("deviceId", "dev-" + UUID.randomUUID())));
        assertThat(r.headers().get("Cache-Control")).isEqualTo("no-store");
        var jwks = call(http, json, HttpRequest.GET("/api/auth/.well-known/jwks.json"));
        assertThat(jwks.headers().get("Cache-Control")).contains("max-age");
    }
}
