package ore.auth.adapter.out.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import java.util.Optional;

/**
 * How auth-service verifies the tokens it issued itself: ES256 only, by a key of its own ring
 * (no JWKS round trip to itself). Other services use {@code ore.security.RemoteJwksSignature}.
 */
public final class KeyRingSignature implements SignatureConfiguration {

    private final KeyRing keys;

    public KeyRingSignature(KeyRing keys) {
        this.keys = keys;
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
    public boolean verify(SignedJWT jwt) throws JOSEException {
        String kid = jwt.getHeader().getKeyID();
        if (!supports(jwt.getHeader().getAlgorithm()) || kid == null) {
            return false;
        }
        Optional<com.nimbusds.jose.jwk.ECKey> key = keys.byId(kid);
        return key.isPresent() && jwt.verify(new ECDSAVerifier(key.get().toECPublicKey()));
    }
}
