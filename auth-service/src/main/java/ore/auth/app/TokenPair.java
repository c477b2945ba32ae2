package ore.auth.app;

import java.util.UUID;

/**
 * What a successful sign-in or refresh returns to the client. {@code refreshToken} is null when a
 * refresh replay inside the grace window got an access token only.
 */
public record TokenPair(UUID playerId, String accessToken, long expiresInSeconds, String refreshToken) {

    @Override
    public String toString() {
        return "TokenPair[playerId=" + playerId + ", tokens=***]";
    }
}
