package ore.auth.domain.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The claims of one access token. Player tokens: {@code aud} = {@code ore-api}, {@code sid} = the
 * refresh family, {@code wallet} when one is linked. Service tokens: {@code sub} = the calling
 * service, {@code aud} = the callee, roles = [service], no sid.
 */
public record AccessClaims(
        String subject,
        String audience,
        List<String> roles,
        Optional<String> wallet,
        Optional<UUID> sessionId,
        Instant issuedAt,
        Instant expiresAt,
        UUID tokenId) {

    public static final String PLAYER_AUDIENCE = "ore-api";
}
