package ore.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Optional;

/**
 * Parses bearer tokens for Micronaut Security, accepting signed JWTs (JWS) only. Micronaut's own
 * parser also hands on unsigned ({@code alg: none}) and encrypted tokens, and its validator accepts
 * an unsigned token whenever no signature configuration happens to be present; with this parser an
 * unsigned token is never a token at all, whatever the configuration. ORE issues no encrypted tokens.
 */
@Singleton
@Replaces(JsonWebTokenParser.class)
public class SignedTokensOnly implements JsonWebTokenParser<JWT> {

    @Override
    public Optional<JWT> parse(String token) {
        if (token == null || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            JWT jwt = JWTParser.parse(token);
            return jwt instanceof SignedJWT ? Optional.of(jwt) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Claims> parseClaims(String token) {
        return parse(token).flatMap(jwt -> {
            try {
                return Optional.of(new JwtClaimsSetAdapter(jwt.getJWTClaimsSet()));
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }
}
