package ore.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ES256 verification, one ready public key per JWK: the key is converted from its JWK once and
 * turned into the provider's own key object (for Amazon Corretto Crypto Provider a key that holds
 * its native form), instead of on every verification. The signature is checked in the form JWS
 * carries it ({@code R || S}, IEEE P1363), so it is never re-encoded as DER first. A new
 * {@code Signature} per call (cheap next to the verification), so one instance serves every thread.
 * Keys outside P-256 never verify anything.
 */
public final class EcVerifiers {

    private static final Logger LOG = LoggerFactory.getLogger(EcVerifiers.class);
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    /** A JWKS holds a handful of keys; more entries than this means keys came and went: start over. */
    private static final int MAX_KEYS = 32;

    private final Provider provider;
    private final ConcurrentHashMap<JWK, Optional<PublicKey>> byKey = new ConcurrentHashMap<>();

    public EcVerifiers(Provider provider) {
        this.provider = provider;
    }

    /** One ES256 verification of {@code jwt} with {@code key}. */
    public boolean verify(JWK key, SignedJWT jwt) {
        if (jwt.getSignature() == null) {
            return false;
        }
        return verify(key, jwt.getSigningInput(), jwt.getSignature().decode());
    }

    /** One ES256 verification of the 64-byte {@code signature} over {@code signingInput} with {@code key}. */
    public boolean verify(JWK key, byte[] signingInput, byte[] signature) {
        Optional<PublicKey> publicKey = byKey.get(key);
        if (publicKey == null) {
            if (byKey.size() >= MAX_KEYS) {
                byKey.clear();
            }
            publicKey = byKey.computeIfAbsent(key, this::build);
        }
        if (publicKey.isEmpty() || !legal(signature)) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM, provider);
            s.initVerify(publicKey.get());
            s.update(signingInput);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            LOG.debug("Token verification failed: {}", e.getMessage());
            return false;
        }
    }

    /** P-256's group order n: R and S of a valid signature lie in [1, n-1]. */
    private static final byte[] ORDER = java.util.HexFormat.of()
            .parseHex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    /**
     * 64 bytes with R and S in [1, n-1], checked here whatever the provider does (a zero R and S
     * passed the JDK's own check in 2022, CVE-2022-21449).
     */
    static boolean legal(byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        return inRange(signature, 0) && inRange(signature, 32);
    }

    private static boolean inRange(byte[] sig, int from) {
        boolean zero = true;
        int cmp = 0;
        for (int i = 0; i < 32; i++) {
            int b = sig[from + i] & 0xff;
            zero &= b == 0;
            if (cmp == 0) {
                cmp = Integer.compare(b, ORDER[i] & 0xff);
            }
        }
        return !zero && cmp < 0;
    }

    private Optional<PublicKey> build(JWK key) {
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            return Optional.empty();
        }
        PublicKey publicKey;
        try {
            publicKey = ec.toECPublicKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            LOG.warn("Unusable key {} in the key set: {}", key.getKeyID(), e.getMessage());
            return Optional.empty();
        }
        try {
            publicKey = KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            LOG.debug("{} cannot import the key {}; verifying with the JDK's key object", provider.getName(), key.getKeyID());
        }
        try {
            Signature.getInstance(ALGORITHM, provider);
        } catch (GeneralSecurityException e) {
            LOG.warn("{} has no {}: no token can be verified with it", provider.getName(), ALGORITHM);
            return Optional.empty();
        }
        return Optional.of(publicKey);
    }
}
