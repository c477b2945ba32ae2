package ore.game.adapter.in.http;

import io.micronaut.security.authentication.Authentication;
import java.util.Optional;
import java.util.UUID;
import ore.game.domain.GameErrors;
import ore.security.OrePrincipal;

/** Reads the player id and wallet from a verified player token. */
final class Players {

    private Players() {
    }

    static UUID id(Authentication authentication) {
        try {
            return OrePrincipal.of(authentication).playerId();
        } catch (IllegalArgumentException e) {
            throw GameErrors.notAPlayer();
        }
    }

    static Optional<String> wallet(Authentication authentication) {
        return OrePrincipal.of(authentication).wallet();
    }

    static Optional<UUID> cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(cursor));
        } catch (IllegalArgumentException e) {
            throw GameErrors.invalidParameter("invalid_cursor", "cursor must be a nextCursor value from a previous page.");
        }
    }
}
