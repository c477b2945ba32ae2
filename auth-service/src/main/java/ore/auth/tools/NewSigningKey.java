package ore.auth.tools;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * Prints a JWK Set with one new private P-256 signing key, for {@code ORE_AUTH_SIGNING_KEYS}.
 * Usage: {@code java -cp auth-service.jar ore.auth.tools.NewSigningKey <kid>}. The output is a
 * secret: pipe it into Secrets Manager, do not save it in the repository.
 */
public final class NewSigningKey {

    private NewSigningKey() {
    }

    public static void main(String[] args) throws JOSEException {
        if (args.length != 1 || !args[0].matches("[A-Za-z0-9._-]{1,64}")) {
            System.err.println("usage: NewSigningKey <kid>   (kid: 1-64 chars of A-Z a-z 0-9 . _ -, e.g. 2026-12)");
            System.exit(2);
        }
        var key = new ECKeyGenerator(Curve.P_256).keyID(args[0]).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        System.out.println(new JWKSet(key).toString(false));
    }
}
