package ore.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.AbstractTokenAuthenticationFactory;
import io.micronaut.security.token.MapClaims;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The bearer-token check of every service but auth-service, in place of micronaut-security-jwt's
 * Nimbus validator: the same steps, without the general-purpose machinery around them.
 * <ol>
 *   <li>{@link AccessTokenReader}: the token must be shaped as auth-service writes it (compact JWS,
 *       ES256, {@code typ: at+jwt}, a {@code kid}, no extensions, strict base64url and JSON);</li>
 *   <li>{@link RemoteJwksSignature#verify(AccessTokenReader.Parsed)}: the key under that {@code kid}
 *       from auth-service's JWKS, one ECDSA P-256 verification (or the remembered result for this
 *       exact token and key);</li>
 *   <li>every claims validator of the context, {@link OreClaimsValidator} (issuer, audience, times
 *       with the skew, subject) among them, on the payload's claims;</li>
 *   <li>the {@link Authentication} built by Micronaut's own rules (name from {@code sub}, roles from
 *       {@code roles}), all claims as attributes.</li>
 * </ol>
 * Any failure is an empty answer, which Micronaut Security turns into 401. The Nimbus validator spent
 * about 10 µs around the 40 µs of the signature (parsing with its general JOSE model, a reactive chain
 * per signature configuration); this one 0.3–1.6 µs (benchmarks/README.md).
 */
@Singleton
@Requires(property = SecuritySettings.PREFIX + ".self-issued", notEquals = "true")
@Replaces(ReactiveJsonWebTokenValidator.class)
public class OreAccessTokenValidator implements ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(OreAccessTokenValidator.class);

    private final RemoteJwksSignature keys;
    private final List<GenericJwtClaimsValidator<HttpRequest<?>>> claimsValidators;
    private final ClaimsAuthentication authentications;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public OreAccessTokenValidator(RemoteJwksSignature keys, List<GenericJwtClaimsValidator> claimsValidators,
                                   TokenConfiguration tokenConfiguration, RolesFinder rolesFinder) {
        this.keys = keys;
        this.claimsValidators = List.copyOf((List) claimsValidators);
        this.authentications = new ClaimsAuthentication(tokenConfiguration, rolesFinder);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        Optional<AccessTokenReader.Parsed> read = AccessTokenReader.read(token);
        if (read.isEmpty()) {
            LOG.debug("Token rejected: not an ES256 access token");
            return Mono.empty();
        }
        AccessTokenReader.Parsed parsed = read.get();
        return keys.verify(parsed).mapNotNull(good -> good ? accepted(parsed, request) : null);
    }

    /** The token as a Nimbus {@link JWT}, once it has passed every check of {@link #validateToken}. */
    @Override
    public Publisher<JWT> validate(String token, @Nullable HttpRequest<?> request) {
        return Mono.from(validateToken(token, request)).flatMap(accepted -> {
            try {
                return Mono.just((JWT) SignedJWT.parse(token));
            } catch (java.text.ParseException e) {
                return Mono.empty();
            }
        });
    }

    private @Nullable Authentication accepted(AccessTokenReader.Parsed parsed, @Nullable HttpRequest<?> request) {
        var claims = new MapClaims(parsed.claims());
        for (GenericJwtClaimsValidator<HttpRequest<?>> validator : claimsValidators) {
            if (!validator.validate(claims, request)) {
                LOG.debug("Token rejected by {}", validator.getClass().getSimpleName());
                return null;
            }
        }
        return authentications.createAuthentication(parsed).orElse(null);
    }

    /** Micronaut's own mapping from claims to an {@link Authentication} (name key, roles finder). */
    private static final class ClaimsAuthentication extends AbstractTokenAuthenticationFactory<AccessTokenReader.Parsed> {

        ClaimsAuthentication(TokenConfiguration tokenConfiguration, RolesFinder rolesFinder) {
            super(tokenConfiguration, rolesFinder);
        }

        @Override
        public Optional<Authentication> createAuthentication(AccessTokenReader.Parsed token) {
            return createAuthentication(token.claims());
        }
    }
}
