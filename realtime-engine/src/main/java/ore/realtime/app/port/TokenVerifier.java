package ore.realtime.app.port;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Verifies a player access token (signature, issuer, audience, expiry). Completes with the player
 * and the expiry, or exceptionally with {@link InvalidToken}.
 */
public interface TokenVerifier {

    record Verified(UUID playerId, Instant expiresAt) {
    }

    final class InvalidToken extends RuntimeException {
        public InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    CompletionStage<Verified> verify(String token);
}
