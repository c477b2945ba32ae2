package ore.location.adapter.in.http;

import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import ore.location.domain.LocationErrors;

/** Reads the player id (the token's {@code sub}) from a verified player token. */
final class Principals {

    private Principals() {
    }

    static UUID playerId(Authentication authentication) {
        try {
            return UUID.fromString(authentication.getName());
        } catch (IllegalArgumentException e) {
            throw LocationErrors.playerIdInvalid();
        }
    }
}
