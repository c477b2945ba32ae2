package ore.auth.app.port;

import ore.auth.domain.session.AccessClaims;

/** Signs access tokens with the active key and publishes the public keys of the key ring. */
public interface TokenSigner {

    String sign(AccessClaims claims);

    /** The JWKS document (public keys only) of every key a valid token may be signed with. */
    String jwksJson();
}
