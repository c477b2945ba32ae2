package ore.auth.app;

import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ore.auth.app.port.TokenSigner;
import ore.auth.domain.AuthErrors;
import ore.auth.domain.session.AccessClaims;
import ore.auth.domain.session.TokenPolicy;
import ore.core.crypto.Sha256;
import ore.core.id.Ids;

/**
 * OAuth 2.0 client credentials for service-to-service calls: a registered service (client id +
 * secret) gets a short-lived token whose audience is the service it wants to call, if it is allowed
 * to call it. Secrets are configured as SHA-256 digests, so auth-service never holds them.
 */
@Singleton
public class ServiceTokenService {

    /** A registered service client: the digest of its secret and the audiences it may ask for. */
    public record Client(String id, String secretSha256, Set<String> audiences) {
    }

    public record Registry(Map<String, Client> clients) {
    }

    public record ServiceToken(String accessToken, long expiresInSeconds) {
    }

    private final Registry registry;
    private final TokenSigner signer;
    private final TokenPolicy policy;
    private final Clock clock;

    public ServiceTokenService(Registry registry, TokenSigner signer, TokenPolicy policy, Clock clock) {
        this.registry = registry;
        this.signer = signer;
        this.policy = policy;
        this.clock = clock;
    }

    public ServiceToken issue(String clientId, String secret, String audience) {
        Client client = Optional.ofNullable(clientId).map(registry.clients()::get).orElse(null);
        // Compare digests in constant time; for unknown clients compare against a dummy anyway.
        byte[] expected = client == null ? new byte[32] : HexFormat.of().parseHex(client.secretSha256());
        boolean ok = MessageDigest.isEqual(expected, Sha256.digest(secret == null ? "" : secret)) && client != null;
        if (!ok) {
            throw AuthErrors.invalidClient();
        }
        if (audience == null || !client.audiences().contains(audience)) {
            throw AuthErrors.audienceNotAllowed(String.valueOf(audience));
        }
        Instant now = clock.instant();
        String token = signer.sign(new AccessClaims(client.id(), audience, List.of("service"), Optional.empty(),
                Optional.empty(), now, now.plus(policy.serviceTtl()), Ids.newId(clock)));
        return new ServiceToken(token, policy.serviceTtl().toSeconds());
    }

}
