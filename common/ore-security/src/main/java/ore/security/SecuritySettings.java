package ore.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
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
 * @param jwksUrl              auth-service's JWKS ({@code ORE_SECURITY_JWKS_URL}); required in every
 *                             service but auth-service, which refuses to start without it
 * @param selfIssued           true only in auth-service, which verifies with its own key ring and
 *                             therefore needs no JWKS URL
 * @param jwksCacheTtl         how long fetched keys are trusted before a background refresh
 * @param jwksMinRefreshInterval the least time between two fetches, whatever caused them (unknown
 *                             {@code kid}s, the TTL, failures), so neither a flood of forged tokens nor
 *                             an auth-service outage turns into a flood of JWKS requests
 * @param jwksTimeout          timeout of one JWKS fetch
 * @param clockSkew            tolerance on {@code exp}, {@code nbf} and {@code iat}; the only time check
 * @param verifiedCacheSize    how many verified signatures are remembered (0 turns the cache off)
 * @param cryptoProvider       {@code accp} (default: Amazon Corretto Crypto Provider, falling back to
 *                             the JDK where it cannot load) or {@code jdk}; see {@link CryptoProviders}
 * @param verifiedCacheTtl     the longest a remembered signature is trusted (also never past the
 *                             token's {@code exp} nor past its key's presence in the JWKS)
 */
@ConfigurationProperties(SecuritySettings.PREFIX)
public record SecuritySettings(
        @Bindable(defaultValue = "https://auth.ore.local") @NotBlank String issuer,
        @Bindable(defaultValue = "ore-api") @NotEmpty List<String> audiences,
        @Nullable String jwksUrl,
        @Bindable(defaultValue = "false") boolean selfIssued,
        @Bindable(defaultValue = "10m") Duration jwksCacheTtl,
        @Bindable(defaultValue = "30s") Duration jwksMinRefreshInterval,
        @Bindable(defaultValue = "2s") Duration jwksTimeout,
        @Bindable(defaultValue = "30s") Duration clockSkew,
        @Bindable(defaultValue = "100000") @Min(0) int verifiedCacheSize,
        @Bindable(defaultValue = "10m") Duration verifiedCacheTtl,
        @Bindable(defaultValue = "accp") String cryptoProvider) {

    public static final String PREFIX = "ore.security";
}
