package ore.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Makes access tokens for tests: good ones signed like auth-service does, and each kind of forgery
 * an attacker would try. Shared with other modules through this module's test-jar.
 */
public final class JwtForge {

    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final ECKey key;
    private final String issuer;
    private final String audience;

    public JwtForge(ECKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    public static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("roles", List.of("player"));
    }

    public String valid(String subject) {
        return sign(claims(subject).build(), key);
    }

    public String with(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(subject)).build(), key);
    }

    /** The named forgeries of the attack suite; each must be rejected with 401. */
    public Map<String, String> attacks(String subject) {
        Instant now = Instant.now();
        var attacks = new java.util.LinkedHashMap<String, String>();
        attacks.put("alg none", new PlainJWT(claims(subject).build()).serialize());
        attacks.put("HS256 signed with the public key", hs256WithPublicKey(claims(subject).build()));
        attacks.put("expired", with(subject, c -> c.expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))));
        attacks.put("not yet valid", with(subject, c -> c.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))));
        attacks.put("no expiry", with(subject, c -> c.expirationTime(null)));
        attacks.put("wrong issuer", with(subject, c -> c.issuer("https://evil.example")));
        attacks.put("wrong audience", with(subject, c -> c.audience("some-other-api")));
        attacks.put("unknown kid", sign(claims(subject).build(), newKey("unknown-" + UUID.randomUUID())));
        attacks.put("signed by another key under our kid", sign(claims(subject).build(), newKey(key.getKeyID())));
        attacks.put("tampered payload", tamperPayload(valid(subject)));
        attacks.put("tampered signature", tamperSignature(valid(subject)));
        attacks.put("stripped signature", stripSignature(valid(subject)));
        attacks.put("HS256 with a guessable secret", hs256WithSecret(claims(subject).build(), "secret".repeat(6)));
        attacks.put("not an access token (typ JWT)", signTyped(claims(subject).build(), key, JOSEObjectType.JWT));
        attacks.put("no kid", signTyped(claims(subject).build(), new ECKey.Builder(key).keyID(null).build(), ACCESS_TOKEN_TYPE));
        attacks.put("garbage", "not.a.jwt");
        return attacks;
    }

    public static String sign(JWTClaimsSet claims, ECKey key) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(ACCESS_TOKEN_TYPE).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signTyped(JWTClaimsSet claims, ECKey key, JOSEObjectType type) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(type).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hs256WithSecret(JWTClaimsSet claims, String secret) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                    .type(ACCESS_TOKEN_TYPE).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header and payload of a good token with an empty signature part. */
    private static String stripSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    private String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] secret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tamperPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"player\"", "\"admin\"");
        return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
    }

    private static String tamperSignature(String token) {
        char last = token.charAt(token.length() - 5);
        return token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
    }
}
