package ore.auth.adapter.out.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys of auth-service: P-256 private keys with ids, one of them active.
 *
 * <p>Rotation without breaking a single session: (1) add the new key to {@code ORE_AUTH_SIGNING_KEYS}
 * while the old one stays active — both are now in the JWKS and other services learn the new one;
 * (2) after at least the JWKS cache lifetime, make the new key active; (3) after the access-token
 * lifetime (15 min), remove the old key.
 */
public final class KeyRing {

    private final List<ECKey> keys;
    private final ECKey active;

    private final java.util.Map<String, ECKey> publicKeys;

    private KeyRing(List<ECKey> keys, ECKey active) {
        this.keys = List.copyOf(keys);
        this.active = active;
        var byKid = new java.util.HashMap<String, ECKey>();
        for (ECKey k : keys) {
            if (byKid.put(k.getKeyID(), k.toPublicJWK()) != null) {
                throw new IllegalStateException("ore.auth.signing.keys holds the kid '" + k.getKeyID() + "' twice");
            }
        }
        this.publicKeys = java.util.Map.copyOf(byKid);
    }

    /** Parses a JWK Set of private EC keys; {@code activeKid} names the signing key. */
    public static KeyRing parse(String jwkSetJson, String activeKid) {
        List<JWK> parsed;
        try {
            parsed = JWKSet.parse(jwkSetJson).getKeys();
        } catch (ParseException e) {
            throw new IllegalStateException("ore.auth.signing.keys is not a valid JWK Set: " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            throw new IllegalStateException("ore.auth.signing.keys holds no key");
        }
        List<ECKey> ec = parsed.stream().map(k -> {
            if (!(k instanceof ECKey e) || !Curve.P_256.equals(e.getCurve()) || !e.isPrivate() || e.getKeyID() == null) {
                throw new IllegalStateException("every signing key must be a private P-256 EC key with a kid");
            }
            return e;
        }).toList();
        String kid = activeKid != null ? activeKid : ec.getLast().getKeyID();
        ECKey activeKey = ec.stream().filter(k -> k.getKeyID().equals(kid)).findFirst()
                .orElseThrow(() -> new IllegalStateException("active signing key '" + kid + "' is not in the key set"));
        return new KeyRing(ec, activeKey);
    }

    /** A throw-away key for local runs and tests; refused unless explicitly allowed. */
    public static KeyRing ephemeral() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ephemeral-" + System.currentTimeMillis())
                    .keyUse(KeyUse.SIGNATURE).generate();
            return new KeyRing(List.of(key), key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public ECKey active() {
        return active;
    }

    /** The public half of the key with this id; the same object on every call, which the signature cache relies on. */
    public Optional<ECKey> byId(String kid) {
        return Optional.ofNullable(publicKeys.get(kid));
    }

    public JWKSet publicSet() {
        return new JWKSet(keys.stream().map(k -> (JWK) new ECKey.Builder(k.toPublicJWK())
                .keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).build()).toList());
    }
}
