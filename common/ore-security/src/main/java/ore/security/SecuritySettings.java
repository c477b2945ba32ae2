package ore.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;

/**
 * {@code ore.security.*}: what a service accepts as an access token.
 *
 * @param issuer               the only accepted {@code iss} (auth-service's configured issuer)
 * @param audiences            accepted {@code aud} values: {@code ore-api} for player tokens and the
 *                             service's own name for service tokens (e.g. {@code location})
 * @param jwksUrl              auth-service's JWKS; unset in auth-service itself, which knows its keys
 * @param jwksCacheTtl         how long fetched keys are trusted before a background refresh
 * @param jwksMinRefreshInterval the least time between two fetches caused by unknown {@code kid}s,
 *                             so a flood of forged tokens cannot turn into a flood of JWKS requests
 * @param jwksTimeout          timeout of one JWKS fetch
 * @param clockSkew            tolerance on {@code exp}, {@code nbf} and {@code iat}
 */
@ConfigurationProperties(SecuritySettings.PREFIX)
public record SecuritySettings(
        @Bindable(defaultValue = "https://auth.ore.local") @NotBlank String issuer,
        @Bindable(defaultValue = "ore-api") @NotEmpty List<String> audiences,
        @Nullable String jwksUrl,
        @Bindable(defaultValue = "10m") Duration jwksCacheTtl,
        @Bindable(defaultValue = "30s") Duration jwksMinRefreshInterval,
        @Bindable(defaultValue = "2s") Duration jwksTimeout,
        @Bindable(defaultValue = "30s") Duration clockSkew) {

    public static final String PREFIX = "ore.security";
}
