package ore.auth.adapter.out.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.auth.domain.session.AccessClaims;
import ore.security.JwtForge;
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

        var signer = new Es256TokenSigner(ring, "https://auth.ore.local");
        Instant now = Instant.now();
        String token = signer.sign(new AccessClaims("p", "ore-api", List.of("player"), Optional.empty(),
                Optional.of(UUID.randomUUID()), now, now.plusSeconds(900), UUID.randomUUID()));
        var jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("2026-10");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(new KeyRingSignature(ring).verify(jwt)).isTrue();
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
