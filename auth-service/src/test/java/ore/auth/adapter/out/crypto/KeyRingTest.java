package ore.auth.adapter.out.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.auth.domain.session.AccessClaims;
import ore.security.CryptoProviders;
import ore.security.JwtForge;
import ore.security.VerifiedSignatures;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    @Test
    void duringARotationBothKeysArePublishedAndTheActiveOneSigns() throws Exception {
        var old = JwtForge.newKey("2026-10");
        var next = JwtForge.newKey("2026-11");
        var ring = KeyRing.parse(new JWKSet(List.of(old, next)).toString(false), "2026-10");
        JWKSet published = ring.publicSet();
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly("2026-10", "2026-11");
        assertThat(published.getKeys()).noneMatch(k -> k.isPrivate());

        // Signed and verified on ACCP and on the JDK, in all four combinations.
        var providers = List.of(CryptoProviders.forChoice(CryptoProviders.Choice.ACCP), CryptoProviders.jdk());
        for (Provider signing : providers) {
            var signer = new Es256TokenSigner(ring, "https://auth.ore.local", signing);
            Instant now = Instant.now();
            String token = signer.sign(new AccessClaims("p", "ore-api", List.of("player"), Optional.empty(),
                    Optional.of(UUID.randomUUID()), now, now.plusSeconds(900), UUID.randomUUID()));
            var jwt = SignedJWT.parse(token);
            assertThat(jwt.getHeader().getKeyID()).isEqualTo("2026-10");
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
            for (Provider verifying : providers) {
                var signature = new KeyRingSignature(ring, verifying,
                        new VerifiedSignatures(0, Duration.ofMinutes(10), Clock.systemUTC()));
                assertThat(signature.verify(jwt)).as(signing.getName() + " -> " + verifying.getName()).isTrue();
                String tampered = token.substring(0, token.length() - 6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
                assertThat(signature.verify(SignedJWT.parse(tampered))).isFalse();
            }
        }
    }

    @Test
    void refusesTwoKeysUnderOneKid() {
        var one = JwtForge.newKey("same");
        var two = JwtForge.newKey("same");
        assertThatThrownBy(() -> KeyRing.parse(new JWKSet(List.of(one, two)).toString(false), "same"))
                .hasMessageContaining("twice");
    }

    @Test
    void refusesPublicOnlyKeysOrAnUnknownActiveKid() {
        var key = JwtForge.newKey("k");
        assertThatThrownBy(() -> KeyRing.parse(new JWKSet(key.toPublicJWK()).toString(false), null))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> KeyRing.parse(new JWKSet(key).toString(false), "other"))
                .hasMessageContaining("not in the key set");
        assertThatThrownBy(() -> KeyRing.parse("{not json", null)).hasMessageContaining("JWK Set");
    }
}
