package ore.auth.app;

import java.util.UUID;

/** What a successful sign-in or refresh returns to the client. */
public record TokenPair(UUID playerId, String accessToken, long expiresInSeconds, String refreshToken) {

    @Override
    public String toString() {
        return "TokenPair[playerId=" + playerId + ", tokens=***]";
    }
}
