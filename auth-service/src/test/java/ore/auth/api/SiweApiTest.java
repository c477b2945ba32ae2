package ore.auth.api;

import static ore.auth.api.ApiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import ore.auth.domain.siwe.Eip55;
import ore.auth.domain.siwe.SiweMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Wallet link with real secp256k1 keys and EIP-191 signatures, end to end through HTTP and Redis. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiweApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private String guestToken() {
        var r = call(http, json, HttpRequest.POST("/api/auth/guest", Map.of("deviceId", "dev-" + UUID.randomUUID())));
        @SuppressWarnings("unchecked")
        var tokens = (Map<String, Object>) r.json().get("tokens");
        return (String) tokens.get("accessToken");
    }

    private String nonce(String token) {
        var r = call(http, json, HttpRequest.GET("/api/auth/siwe/nonce").bearerAuth(token));
        assertThat(r.status()).isEqualTo(200);
        return r.str("nonce");
    }

    private static Credentials wallet() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(Credentials wallet, String nonce, UnaryOperator<SiweMessage.Builder> change) {
        var now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        var builder = SiweMessage.builder("play.ore.test", Eip55.toChecksum(wallet.getAddress()), "https://play.ore.test",
                137, nonce, now).statement("Link this wallet to ORE.").expirationTime(now.plusMinutes(5));
        return change.apply(builder).build().toText();
    }

    private static String sign(Credentials wallet, String message) {
        var sig = Sign.signPrefixedMessage(message.getBytes(java.nio.charset.StandardCharsets.UTF_8), wallet.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(sig.getR(), 0, bytes, 0, 32);
        System.arraycopy(sig.getS(), 0, bytes, 32, 32);
        bytes[64] = sig.getV()[0];
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    private ApiTestSupport.Response verify(String token, String message, String signature) {
        return call(http, json, HttpRequest.POST("/api/auth/siwe/verify",
                Map.of("message", message, "signature", signature)).bearerAuth(token));
    }

    @Test
    void linksTheWalletAndTheNewTokenCarriesIt() throws Exception {
        String token = guestToken();
        Credentials wallet = wallet();
        String msg = message(wallet, nonce(token), b -> b);
        var r = verify(token, msg, sign(wallet, msg));
        assertThat(r.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var player = (Map<String, Object>) r.json().get("player");
        @SuppressWarnings("unchecked")
        var linked = (Map<String, Object>) player.get("wallet");
        String checksummed = Eip55.toChecksum(wallet.getAddress());
        assertThat(linked.get("address")).isEqualTo(checksummed);
        @SuppressWarnings("unchecked")
        var newToken = (String) ((Map<String, Object>) r.json().get("token")).get("accessToken");
        assertThat(SignedJWT.parse(newToken).getJWTClaimsSet().getStringClaim("wallet")).isEqualTo(checksummed);

        // Replaying the same signed message fails: the nonce was consumed.
        var replay = verify(token, msg, sign(wallet, msg));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.str("code")).isEqualTo("auth.siwe.nonce_mismatch");

        var unlink = call(http, json, HttpRequest.DELETE("/api/auth/wallet").bearerAuth(token));
        assertThat(unlink.status()).isEqualTo(200);
        assertThat(call(http, json, HttpRequest.DELETE("/api/auth/wallet").bearerAuth(token)).status()).isEqualTo(404);
    }

    @Test
    void rejectsWrongDomainChainExpiryAndSignature() {
        String token = guestToken();
        Credentials wallet = wallet();
        var now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        record Case(String code, java.util.function.Function<String, String> build, boolean wrongSigner) {
        }
        var list = java.util.List.of(
                new Case("auth.siwe.wrong_domain", n -> SiweMessage.builder("evil.example",
                        Eip55.toChecksum(wallet.getAddress()), "https://play.ore.test", 137, n, now).build().toText(), false),
                new Case("auth.siwe.wrong_chain", n -> message(wallet, n, b -> SiweMessage.builder("play.ore.test",
                        Eip55.toChecksum(wallet.getAddress()), "https://play.ore.test", 1, n, now)), false),
                new Case("auth.siwe.expired", n -> SiweMessage.builder("play.ore.test",
                        Eip55.toChecksum(wallet.getAddress()), "https://play.ore.test", 137, n, now.minusMinutes(3))
                        .expirationTime(now.minusMinutes(1)).build().toText(), false),
                new Case("auth.siwe.bad_signature", n -> message(wallet, n, b -> b), true));
        for (Case c : list) {
            String msg = c.build().apply(nonce(token));
            String sig = c.wrongSigner() ? sign(wallet(), msg) : sign(wallet, msg);
            var r = verify(token, msg, sig);
            assertThat(r.status()).as(c.code()).isEqualTo(400);
            assertThat(r.str("code")).as(c.code()).isEqualTo(c.code());
        }
    }

    @Test
    void aNonceIssuedToAnotherPlayerDoesNotWork() {
        String alice = guestToken();
        String bob = guestToken();
        Credentials wallet = wallet();
        String msg = message(wallet, nonce(alice), b -> b);
        var r = verify(bob, msg, sign(wallet, msg));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.str("code")).isEqualTo("auth.siwe.nonce_mismatch");
    }

    @Test
    void oneWalletPerPlayerAndOnePlayerPerWallet() {
        String alice = guestToken();
        String bob = guestToken();
        Credentials wallet = wallet();
        String msg = message(wallet, nonce(alice), b -> b);
        assertThat(verify(alice, msg, sign(wallet, msg)).status()).isEqualTo(200);

        String bobMsg = message(wallet, nonce(bob), b -> b);
        var taken = verify(bob, bobMsg, sign(wallet, bobMsg));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.str("code")).isEqualTo("auth.wallet_in_use");

        Credentials second = wallet();
        String secondMsg = message(second, nonce(alice), b -> b);
        var already = verify(alice, secondMsg, sign(second, secondMsg));
        assertThat(already.status()).isEqualTo(409);
        assertThat(already.str("code")).isEqualTo("auth.wallet_already_linked");
    }

    @Test
    void malformedMessagesAre400() {
        String token = guestToken();
        var r = verify(token, "hello, sign me", "0x00");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.str("code")).isEqualTo("auth.siwe.malformed_message");
    }
}
