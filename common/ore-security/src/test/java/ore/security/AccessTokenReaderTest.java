package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link AccessTokenReader} lets through to the signature check, and what it refuses first. */
class AccessTokenReaderTest {

    static final ECKey KEY = JwtForge.newKey("k1");
    final JwtForge forge = new JwtForge(KEY, "https://auth.ore.local", "ore-api");

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String HEADER = "{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}";
    private static final String SIGNATURE = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);

    private static String token(String header, String payload) {
        return b64(header) + "." + b64(payload) + "." + SIGNATURE;
    }

    @Test
    void readsAuthServicesTokens() {
        String token = forge.valid("p-1");
        var parsed = AccessTokenReader.read(token).orElseThrow();
        assertThat(parsed.kid()).isEqualTo("k1");
        assertThat(parsed.signature()).hasSize(64);
        assertThat(new String(parsed.signingInput(), StandardCharsets.US_ASCII)).isEqualTo(token.substring(0, token.lastIndexOf('.')));
        assertThat(parsed.claims()).containsEntry("sub", "p-1").containsEntry("iss", "https://auth.ore.local");
        assertThat(parsed.claims().get("exp")).isInstanceOf(Date.class);
        assertThat(parsed.expiresAtMillis()).isGreaterThan(Instant.now().toEpochMilli());
        assertThat(parsed.claims().get("roles")).isEqualTo(List.of("player"));
    }

    @Test
    void refusesEveryForgeryThatIsNotAnEs256AccessTokenBeforeAnyCrypto() {
        var attacks = forge.attacks("p-1");
        for (String name : List.of("alg none", "HS256 signed with the public key", "stripped signature",
                "HS256 with a guessable secret", "not an access token (typ JWT)", "no kid", "garbage")) {
            assertThat(AccessTokenReader.read(attacks.get(name))).as(name).isEmpty();
        }
    }

    @Test
    void refusesMalformedStructure() {
        String good = token(HEADER, "{\"sub\":\"p\"}");
        assertThat(AccessTokenReader.read(good)).isPresent();
        for (String bad : new String[] {
                null, "", "a.b", "a.b.c.d.e", good + ".", "." + good, good.replace(".", ".."),
                good.substring(0, good.length() - 2), // 63 bytes of signature
                good + "AAAA",                        // 67 bytes
                good.replaceFirst("\\.", "=."),       // padding
                good.replaceFirst("e", "+"),          // standard base64, not url
                " " + good,
                "x".repeat(AccessTokenReader.MAX_LENGTH + 1)}) {
            assertThat(AccessTokenReader.read(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void refusesHeadersItDoesNotFullyUnderstand() {
        String claims = "{\"sub\":\"p\"}";
        assertThat(AccessTokenReader.read(token("{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"AT+JWT\"}", claims))).isPresent();
        for (String header : List.of(
                "{\"alg\":\"none\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"es256\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"ES384\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"ES256\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"ES256\",\"kid\":\"\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"ES256\",\"kid\":7,\"typ\":\"at+jwt\"}",
                "{\"alg\":\"ES256\",\"kid\":\"k1\"}",
                "{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"JWT\"}",
                "{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"at+jwt\",\"crit\":[\"exp\"]}",
                "{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"at+jwt\",\"b64\":false}",
                "{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"at+jwt\",\"alg\":\"none\"}",
                "[\"ES256\"]",
                "{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"at+jwt\"} {}",
                "not json")) {
            assertThat(AccessTokenReader.read(token(header, claims))).as(header).isEmpty();
        }
    }

    @Test
    void refusesClaimsOfTheWrongShape() {
        for (String payload : List.of(
                "{\"sub\":\"p\",\"exp\":\"tomorrow\"}",
                "{\"sub\":\"p\",\"nbf\":true}",
                "{\"sub\":\"p\",\"iat\":1e300}",
                "{\"sub\":1234}",
                "{\"sub\":\"p\",\"iss\":[\"a\"]}",
                "{\"sub\":\"p\",\"sub\":\"admin\"}",
                "[]",
                "{\"sub\":\"p\",\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "{\"sub\":\"p\"")) {
            assertThat(AccessTokenReader.read(token(HEADER, payload))).as(payload).isEmpty();
        }
        var parsed = AccessTokenReader.read(token(HEADER, "{\"sub\":\"p\",\"exp\":1900000000.5,\"n\":null}")).orElseThrow();
        assertThat(parsed.expiresAtMillis()).isEqualTo(1_900_000_000_500L);
        assertThat(parsed.claims()).containsEntry("n", null);
    }

    @Test
    void aSignatureWithRorSOutOfRangeIsNeverLegal() {
        byte[] zero = new byte[64];
        assertThat(EcVerifiers.legal(zero)).isFalse();
        byte[] ok = new byte[64];
        ok[31] = 1;
        ok[63] = 1;
        assertThat(EcVerifiers.legal(ok)).isTrue();
        byte[] rIsOrder = java.util.HexFormat.of().parseHex(
                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"
                        + "0000000000000000000000000000000000000000000000000000000000000001");
        assertThat(EcVerifiers.legal(rIsOrder)).isFalse();
        byte[] allOnes = new byte[64];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        assertThat(EcVerifiers.legal(allOnes)).isFalse();
        assertThat(EcVerifiers.legal(new byte[63])).isFalse();
    }
}
