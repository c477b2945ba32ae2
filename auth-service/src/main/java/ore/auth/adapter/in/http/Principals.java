package ore.auth.adapter.in.http;

import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import ore.auth.domain.AuthErrors;

/** Reads the player id and session id from a verified player token. */
final class Principals {

    private Principals() {
    }

    static UUID playerId(Authentication authentication) {
        try {
            return UUID.fromString(authentication.getName());
        } catch (IllegalArgumentException e) {
            throw AuthErrors.accountGone();
        }
    }

    static UUID sessionId(Authentication authentication) {
        Object sid = authentication.getAttributes().get("sid");
        try {
            return UUID.fromString(String.valueOf(sid));
        } catch (IllegalArgumentException e) {
            throw AuthErrors.invalidRefreshToken();
        }
    }
}
