package ore.realtime.adapter.out.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import ore.realtime.app.port.TokenVerifier;
import ore.security.OrePrincipal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link TokenVerifier} with the same validators as every ORE HTTP endpoint (ore-security: ES256 from
 * auth-service's JWKS, issuer, audience {@code ore-api}, expiry), plus: the token must be a player's
 * (role {@code player}, a UUID subject), never a service token.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    private final List<TokenValidator<HttpRequest<?>>> validators;

    public JwtTokenVerifier(Collection<TokenValidator<HttpRequest<?>>> validators) {
        this.validators = List.copyOf(validators);
    }

    @Override
    public CompletionStage<Verified> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Mono.<Verified>error(new InvalidToken("no token")).toFuture();
        }
        return Flux.fromIterable(validators)
                .concatMap(v -> Flux.from(v.validateToken(token, null)).onErrorResume(e -> Mono.empty()))
                .next()
                .switchIfEmpty(Mono.error(() -> new InvalidToken("token rejected")))
                .map(JwtTokenVerifier::player)
                .toFuture();
    }

    private static Verified player(Authentication authentication) {
        if (!authentication.getRoles().contains(OrePrincipal.ROLE_PLAYER)) {
            throw new InvalidToken("not a player token");
        }
        UUID player;
        try {
            player = UUID.fromString(authentication.getName());
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("subject is not a player id");
        }
        Object exp = authentication.getAttributes().get("exp");
        Instant expiresAt = switch (exp) {
            case Date d -> d.toInstant();
            case Number n -> Instant.ofEpochSecond(n.longValue());
            case Instant i -> i;
            case null, default -> throw new InvalidToken("token without expiry");
        };
        return new Verified(player, expiresAt);
    }
}
