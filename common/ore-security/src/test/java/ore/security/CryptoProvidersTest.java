package ore.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.security.Provider;
import org.junit.jupiter.api.Test;

class CryptoProvidersTest {

    private final ECKey key = JwtForge.newKey("k1");
    private final JwtForge forge = new JwtForge(key, "https://auth.ore.local", "ore-api");

    @Test
    void bothProvidersVerifyGoodTokensAndRejectForgedOnes() throws Exception {
        for (Provider provider : new Provider[] {CryptoProviders.forChoice(CryptoProviders.Choice.ACCP), CryptoProviders.jdk()}) {
            assertThat(RemoteJwksSignature.verifyWith(key.toPublicJWK(), SignedJWT.parse(forge.valid("p")), provider))
                    .as(provider.getName()).isTrue();
            String forged = JwtForge.sign(forge.claims("p").build(), JwtForge.newKey("k1"));
            assertThat(RemoteJwksSignature.verifyWith(key.toPublicJWK(), SignedJWT.parse(forged), provider))
                    .as(provider.getName()).isFalse();
        }
    }

    @Test
    void accpLoadsOnThisPlatform() {
        // The build runs on linux-x86_64, the classifier we ship: the fast path must really be taken.
        assertThat(CryptoProviders.forChoice(CryptoProviders.Choice.ACCP).getName()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void aProviderThatCannotLoadFallsBackCleanly() {
        assertThat(CryptoProviders.load(() -> {
            throw new UnsatisfiedLinkError("no libamazonCorrettoCryptoProvider in java.library.path");
        })).isNull();
    }

    @Test
    void theSettingIsValidated() {
        assertThat(CryptoProviders.parse(" JDK ")).isEqualTo(CryptoProviders.Choice.JDK);
        assertThatThrownBy(() -> CryptoProviders.parse("bouncy")).hasMessageContaining("ORE_SECURITY_CRYPTO_PROVIDER");
    }
}
