package ore.auth.adapter.out.crypto;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import java.security.Provider;
import java.util.Optional;
import ore.security.EcVerifiers;
import ore.security.RemoteJwksSignature;
import ore.security.VerifiedSignatures;

/**
 * How auth-service verifies the tokens it issued itself: ES256 with {@code typ: at+jwt} only, by a
 * key of its own ring (no JWKS round trip to itself), on the preferred crypto provider, with
 * verified signatures remembered like every other service does. Other services use
 * {@code ore.security.RemoteJwksSignature}.
 */
public final class KeyRingSignature implements SignatureConfiguration {

    private final KeyRing keys;
    private final EcVerifiers verifiers;
    private final VerifiedSignatures verified;

    public KeyRingSignature(KeyRing keys, Provider provider, VerifiedSignatures verified) {
        this.keys = keys;
        this.verifiers = new EcVerifiers(provider);
        this.verified = verified;
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the ES256 JWS algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.ES256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) {
        if (!RemoteJwksSignature.acceptableHeader(jwt.getHeader())) {
            return false;
        }
        Optional<ECKey> key = keys.byId(jwt.getHeader().getKeyID());
        return key.isPresent() && verified.verify(jwt, key.get(), (token, k) -> verifiers.verify(k, token));
    }
}
