package ore.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ES256 verifiers ready for use, one per public key: the key is converted from its JWK once and
 * turned into the provider's own key object (for Amazon Corretto Crypto Provider a key that holds
 * its native form), instead of on every verification. A verifier makes a new {@code Signature} per
 * call, so one instance serves every thread. Keys outside P-256 never verify anything.
 */
public final class EcVerifiers {

    private static final Logger LOG = LoggerFactory.getLogger(EcVerifiers.class);
    /** A JWKS holds a handful of keys; more entries than this means keys came and went: start over. */
    private static final int MAX_KEYS = 32;

    private final Provider provider;
    private final ConcurrentHashMap<JWK, Optional<ECDSAVerifier>> byKey = new ConcurrentHashMap<>();

    public EcVerifiers(Provider provider) {
        this.provider = provider;
    }

    /** One ES256 verification of {@code jwt} with {@code key}. */
    public boolean verify(JWK key, SignedJWT jwt) {
        Optional<ECDSAVerifier> verifier = byKey.get(key);
        if (verifier == null) {
            if (byKey.size() >= MAX_KEYS) {
                byKey.clear();
            }
            verifier = byKey.computeIfAbsent(key, this::build);
        }
        if (verifier.isEmpty()) {
            return false;
        }
        try {
            return jwt.verify(verifier.get());
        } catch (JOSEException e) {
            LOG.debug("Token verification failed: {}", e.getMessage());
            return false;
        }
    }

    private Optional<ECDSAVerifier> build(JWK key) {
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            return Optional.empty();
        }
        try {
            ECPublicKey publicKey = ec.toECPublicKey();
            try {
                publicKey = (ECPublicKey) KeyFactory.getInstance("EC", provider)
                        .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
            } catch (GeneralSecurityException | ClassCastException e) {
                LOG.debug("{} cannot import the key {}; verifying with the JDK's key object", provider.getName(),
                        key.getKeyID());
            }
            ECDSAVerifier verifier = new ECDSAVerifier(publicKey);
            verifier.getJCAContext().setProvider(provider);
            return Optional.of(verifier);
        } catch (JOSEException e) {
            LOG.warn("Unusable key {} in the key set: {}", key.getKeyID(), e.getMessage());
            return Optional.empty();
        }
    }
}
