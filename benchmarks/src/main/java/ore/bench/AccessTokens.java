package ore.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Player access tokens shaped exactly like auth-service's {@code Es256TokenSigner} makes them
 * (header {@code typ: at+jwt} and {@code kid}; claims iss, sub, aud, iat, nbf, exp, jti, roles, sid),
 * so the verifier parses and checks the same bytes it does in production.
 */
final class AccessTokens {

    static final String ISSUER = "https://auth.ore.local";
    static final String AUDIENCE = "ore-api";
    /** auth-service's access-token lifetime; every token outlives any benchmark run. */
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private AccessTokens() {
    }

    static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A player token signed by {@code key} under its own key id. */
    static String player(ECKey key) {
        return player(key, key.getKeyID());
    }

    /** A player token signed by {@code key} but naming {@code kid}: a forgery when the two differ. */
    static String player(ECKey key, String kid) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(UUID.randomUUID().toString())
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of("player"))
                .claim("sid", UUID.randomUUID().toString())
                .build();
        var header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(new JOSEObjectType("at+jwt")).build();
        try {
            var jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
