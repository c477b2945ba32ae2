package ore.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Stands in for Micronaut's not-before validator (enabled by
 * {@code micronaut.security.token.jwt.claims-validators.not-before}), which has no tolerance for
 * clock skew. {@code nbf} is checked by {@link OreClaimsValidator}, with the configured skew, so this
 * one accepts whatever reaches it.
 */
@Singleton
@Replaces(NotBeforeJwtClaimsValidator.class)
public class NoSeparateNotBeforeCheck implements GenericJwtClaimsValidator<HttpRequest<?>> {

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        return true;
    }
}
