package ore.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * {@code ore.security.client.*}: this service's client credentials at auth-service, used to obtain
 * service tokens for calls to other services' {@code /internal/*} APIs. The secret comes from
 * Secrets Manager in production ({@code ORE_SECURITY_CLIENT_SECRET}).
 */
@ConfigurationProperties(SecuritySettings.PREFIX + ".client")
public record ServiceClientSettings(
        @NotBlank String tokenUrl,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @Bindable(defaultValue = "2s") Duration timeout,
        @Bindable(defaultValue = "60s") Duration renewBefore) {
}
