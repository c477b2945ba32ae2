package ore.security;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller as ORE sees it, read from a verified access token: the player (or service) id in
 * {@code sub}, its roles, the linked wallet ({@code wallet} claim) and the refresh-token family of
 * the session ({@code sid}).
 */
public record OrePrincipal(String subject, Collection<String> roles, Optional<String> wallet, Optional<String> sessionId) {

    public static final String ROLE_PLAYER = "player";
    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_SERVICE = "service";

    public static OrePrincipal of(Authentication authentication) {
        var attributes = authentication.getAttributes();
        return new OrePrincipal(authentication.getName(), authentication.getRoles(),
                Optional.ofNullable(attributes.get("wallet")).map(String::valueOf),
                Optional.ofNullable(attributes.get("sid")).map(String::valueOf));
    }

    /** The player id; only meaningful for player tokens, whose subject is a UUID. */
    public UUID playerId() {
        return UUID.fromString(subject);
    }

    public boolean isService() {
        return roles.contains(ROLE_SERVICE);
    }
}
