package ore.auth.adapter.out.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import ore.auth.app.port.TokenSigner;
import ore.auth.domain.session.AccessClaims;

/** ES256 access tokens (RFC 9068 shape: {@code typ: at+jwt}, {@code kid} of the active key). */
public final class Es256TokenSigner implements TokenSigner {

    private final KeyRing keys;
    private final String issuer;
    private final ECDSASigner signer;
    private final JWSHeader header;
    private final String jwks;

    public Es256TokenSigner(KeyRing keys, String issuer, java.security.Provider provider) {
        this.keys = keys;
        this.issuer = issuer;
        try {
            this.signer = new ECDSASigner(keys.active());
            this.signer.getJCAContext().setProvider(provider);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.active().getKeyID())
                .type(new JOSEObjectType("at+jwt")).build();
        this.jwks = keys.publicSet().toString();
    }

    @Override
    public String sign(AccessClaims c) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(c.subject())
                .audience(c.audience())
                .issueTime(Date.from(c.issuedAt()))
                .notBeforeTime(Date.from(c.issuedAt()))
                .expirationTime(Date.from(c.expiresAt()))
                .jwtID(c.tokenId().toString())
                .claim("roles", c.roles());
        c.wallet().ifPresent(w -> claims.claim("wallet", w));
        c.sessionId().ifPresent(s -> claims.claim("sid", s.toString()));
        try {
            var jwt = new SignedJWT(header, claims.build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    @Override
    public String jwksJson() {
        return jwks;
    }

    public KeyRing keys() {
        return keys;
    }
}
