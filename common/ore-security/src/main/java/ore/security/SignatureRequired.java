package ore.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import java.util.List;

/**
 * Refuses to start a service that could not verify a single token signature: with no signature
 * configuration Micronaut Security would skip signature checks altogether. Other services get
 * {@link RemoteJwksSignature} (which itself insists on {@code ore.security.jwks-url}); auth-service,
 * which sets {@code ore.security.self-issued}, must register its own key ring's configuration.
 */
@Context
public class SignatureRequired {

    public SignatureRequired(List<SignatureConfiguration> signatures,
                             List<ReactiveSignatureConfiguration<?>> reactiveSignatures) {
        if (signatures.isEmpty() && reactiveSignatures.isEmpty()) {
            throw new ConfigurationException("No token signature configuration: set ore.security.jwks-url "
                    + "(env ORE_SECURITY_JWKS_URL) to auth-service's JWKS; only auth-service itself may set "
                    + "ore.security.self-issued=true, and it verifies with its own keys.");
        }
    }
}
