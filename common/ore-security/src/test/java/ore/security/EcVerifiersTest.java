package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class EcVerifiersTest {

    private final ECKey key = JwtForge.newKey("k1");
    private final JwtForge forge = new JwtForge(key, "https://auth.ore.local", "ore-api");

    private static Provider[] providers() {
        return new Provider[] {CryptoProviders.forChoice(CryptoProviders.Choice.ACCP), CryptoProviders.jdk()};
    }

    @Test
    void goodTokensVerifyAgainAndAgainForgedOnesNever() throws Exception {
        for (Provider provider : providers()) {
            EcVerifiers verifiers = new EcVerifiers(provider);
            String forged = JwtForge.sign(forge.claims("p").build(), JwtForge.newKey("k1"));
            for (int i = 0; i < 3; i++) {
                assertThat(verifiers.verify(key.toPublicJWK(), SignedJWT.parse(forge.valid("p" + i))))
                        .as(provider.getName()).isTrue();
                assertThat(verifiers.verify(key.toPublicJWK(), SignedJWT.parse(forged))).as(provider.getName()).isFalse();
            }
        }
    }

    @Test
    void aTokenVerifiesOnlyWithItsOwnKey() throws Exception {
        EcVerifiers verifiers = new EcVerifiers(providers()[0]);
        SignedJWT token = SignedJWT.parse(forge.valid("p"));
        assertThat(verifiers.verify(key.toPublicJWK(), token)).isTrue();
        assertThat(verifiers.verify(JwtForge.newKey("k2").toPublicJWK(), SignedJWT.parse(forge.valid("p")))).isFalse();
        assertThat(verifiers.verify(key.toPublicJWK(), SignedJWT.parse(forge.valid("p")))).isTrue();
    }

    @Test
    void keysOutsideP256VerifyNothing() throws Exception {
        EcVerifiers verifiers = new EcVerifiers(providers()[0]);
        String token = forge.valid("p");
        assertThat(verifiers.verify(new ECKeyGenerator(Curve.P_384).keyID("k1").generate().toPublicJWK(),
                SignedJWT.parse(token))).isFalse();
        assertThat(verifiers.verify(new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK(),
                SignedJWT.parse(token))).isFalse();
    }

    @Test
    void manyKeysOverTimeStillVerify() throws Exception {
        EcVerifiers verifiers = new EcVerifiers(providers()[0]);
        for (int i = 0; i < 40; i++) { // past the bound of remembered keys
            ECKey k = JwtForge.newKey("k" + i);
            String token = JwtForge.sign(new JwtForge(k, "https://auth.ore.local", "ore-api").claims("p").build(), k);
            assertThat(verifiers.verify(k.toPublicJWK(), SignedJWT.parse(token))).isTrue();
        }
    }

    @Test
    void oneVerifierServesManyThreads() throws Exception {
        EcVerifiers verifiers = new EcVerifiers(providers()[0]);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String token = forge.valid("p" + i);
            tasks.add(() -> verifiers.verify(key.toPublicJWK(), SignedJWT.parse(token)));
        }
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        }
    }
}
