package ore.realtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code ore.realtime.location.*}: how cell channels are authorised.
 *
 * @param maxRings  cells within this many H3 rings of the player's last trusted cell may be subscribed
 * @param timeout   deadline of one call to location-service
 * @param cacheTtl  how long a player's cell is reused
 */
@ConfigurationProperties("ore.realtime.location")
public record LocationSettings(
        @Bindable(defaultValue = "2") @Min(0) @Max(10) int maxRings,
        @Bindable(defaultValue = "800ms") Duration timeout,
        @Bindable(defaultValue = "10s") Duration cacheTtl,
        @Bindable(defaultValue = "20") @Min(1) int breakerWindow,
        @Bindable(defaultValue = "10") @Min(1) int breakerMinCalls,
        @Bindable(defaultValue = "50") @Min(1) @Max(100) int breakerFailureRate,
        @Bindable(defaultValue = "10s") Duration breakerOpenFor) {
}
