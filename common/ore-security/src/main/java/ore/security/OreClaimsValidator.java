package ore.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim checks every ORE service applies after the signature: the issuer is auth-service's,
 * one of the audiences is ours, {@code exp} is present and in the future, {@code nbf} and
 * {@code iat} are not in the future, and there is a subject. Skew of {@code ore.security.clock-skew}
 * is tolerated on all times.
 *
 * <p>It is the only validator that looks at time. It replaces Micronaut's expiration validator, and
 * {@link NoSeparateNotBeforeCheck} its not-before validator: both compare with zero tolerance, so a
 * service whose clock lags auth-service's by a second would refuse a token just issued
 * ({@code nbf = iat}), and the documented skew would never apply.
 */
@Singleton
@Replaces(ExpirationJwtClaimsValidator.class)
public class OreClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(OreClaimsValidator.class);

    private final SecuritySettings settings;
    private final Clock clock;

    public OreClaimsValidator(SecuritySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        String reason = check(claims);
        if (reason != null) {
            LOG.debug("Token rejected: {}", reason);
            return false;
        }
        return true;
    }

    /** Why the claims are not acceptable, or null when they are. */
    String check(Claims claims) {
        Instant now = clock.instant();
        if (!settings.issuer().equals(claims.get(Claims.ISSUER))) {
            return "wrong issuer";
        }
        if (audiences(claims.get(Claims.AUDIENCE)).stream().noneMatch(settings.audiences()::contains)) {
            return "wrong audience";
        }
        Instant exp = instant(claims.get(Claims.EXPIRATION_TIME));
        if (exp == null || !exp.plus(settings.clockSkew()).isAfter(now)) {
            return "expired or no exp";
        }
        Instant nbf = instant(claims.get(Claims.NOT_BEFORE));
        if (nbf != null && nbf.minus(settings.clockSkew()).isAfter(now)) {
            return "not yet valid";
        }
        Instant iat = instant(claims.get(Claims.ISSUED_AT));
        if (iat != null && iat.minus(settings.clockSkew()).isAfter(now)) {
            return "issued in the future";
        }
        Object sub = claims.get(Claims.SUBJECT);
        if (!(sub instanceof String s) || s.isBlank()) {
            return "no subject";
        }
        return null;
    }

    private static List<String> audiences(Object aud) {
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static Instant instant(Object value) {
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        return null;
    }
}
