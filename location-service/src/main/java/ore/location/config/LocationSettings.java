package ore.location.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/** Settings of location-service, all under {@code ore.location.*} (and {@code ore.realtime.*}); the README lists them. */
public final class LocationSettings {

    private LocationSettings() {
    }

    /**
     * {@code ore.location.anticheat.*}: the physics thresholds (see {@code AntiCheatPolicy}), which
     * model answers ({@code none} or {@code triton}), how long a batch waits for it, and the score
     * thresholds.
     */
    @ConfigurationProperties("ore.location.anticheat")
    public record AntiCheat(@Bindable(defaultValue = "none") @Pattern(regexp = "none|triton") String model,
                            @Bindable(defaultValue = "50ms") Duration modelTimeout,
                            @Bindable(defaultValue = "0.7") @DecimalMin("0.01") @DecimalMax("1.0") double modelSuspiciousAt,
                            @Bindable(defaultValue = "0.95") @DecimalMin("0.01") @DecimalMax("1.0") double modelRejectAt,
                            @Bindable(defaultValue = "10m") Duration maxAge,
                            @Bindable(defaultValue = "30s") Duration maxFutureSkew,
                            @Bindable(defaultValue = "10000") double maxAccuracyM,
                            @Bindable(defaultValue = "300") double maxReportedSpeedMps,
                            @Bindable(defaultValue = "50") double teleportSpeedMps,
                            @Bindable(defaultValue = "15") double suspiciousSpeedMps,
                            @Bindable(defaultValue = "100") double accuracySlackCapM,
                            @Bindable(defaultValue = "12") double maxAccelerationMps2,
                            @Bindable(defaultValue = "1.0") double minPlausibleAccuracyM,
                            @Bindable(defaultValue = "250") double maxUsefulAccuracyM,
                            @Bindable(defaultValue = "5") @Min(2) int repeatedFixCount,
                            @Bindable(defaultValue = "8") @Min(3) @Max(15) int patternMinSegments,
                            @Bindable(defaultValue = "-0.4") double jitterMaxMeanCos,
                            @Bindable(defaultValue = "0.02") double roboticMaxSpeedCv,
                            @Bindable(defaultValue = "0.5") double roboticMinSpeedMps,
                            @Bindable(defaultValue = "3") @Min(3) @Max(15) int roboticSegments) {
    }

    /**
     * {@code ore.location.cheat.*}: SuspectedCheat is raised when {@code threshold} fixes were
     * rejected for cheating within {@code window}; at most once per {@code window}.
     */
    @ConfigurationProperties("ore.location.cheat")
    public record Cheat(@Bindable(defaultValue = "10m") Duration window,
                        @Bindable(defaultValue = "5") @Min(1) int threshold) {
    }

    /** {@code ore.location.nearby.*}: see {@code NearbyPlayers} and {@code RedisPresence}. */
    @ConfigurationProperties("ore.location.nearby")
    public record Nearby(@Bindable(defaultValue = "1000") @DecimalMin("1") double maxRadiusM,
                         @Bindable(defaultValue = "3") @Min(0) @Max(6) int precisionDecimals,
                         @Bindable(defaultValue = "7") @Min(4) @Max(9) int presenceResolution,
                         @Bindable(defaultValue = "50") @Min(1) @Max(500) int maxResults,
                         @Bindable(defaultValue = "5m") Duration presenceTtl,
                         @Bindable(defaultValue = "1000") @DecimalMin("0") double maxCenterOffsetM,
                         @Bindable(defaultValue = "5000") @Min(10) int maxMembersPerCell) {
    }

    /**
     * {@code ore.location.history.*}: the consumer of {@code ore.location.tracked} that writes the
     * history ({@code enabled=false} on instances that should not consume), retention in whole days,
     * partitions created ahead, and how long erased players are remembered.
     */
    @ConfigurationProperties("ore.location.history")
    public record History(@Bindable(defaultValue = "true") boolean enabled,
                          @Bindable(defaultValue = "30d") Duration retention,
                          @Bindable(defaultValue = "2") @Min(1) int daysAhead,
                          @Bindable(defaultValue = "30d") Duration erasureMemory,
                          @Bindable(defaultValue = "1h") Duration maintenanceInterval) {
    }

    /** {@code ore.location.state.*}: how long a silent player's track is kept; the GDPR tombstone's life. */
    @ConfigurationProperties("ore.location.state")
    public record State(@Bindable(defaultValue = "24h") Duration ttl,
                        @Bindable(defaultValue = "30d") Duration tombstoneTtl) {
    }

    /** {@code ore.location.tracking.*}: how long an update waits for Kafka's acknowledgement. */
    @ConfigurationProperties("ore.location.tracking")
    public record Tracking(@Bindable(defaultValue = "5s") Duration sendTimeout) {
    }

    /** {@code ore.location.zones.*}: limits on zones and the refresh period of the in-memory index. */
    @ConfigurationProperties("ore.location.zones")
    public record Zones(@Bindable(defaultValue = "1000") @Min(4) int maxVertices,
                        @Bindable(defaultValue = "50") @DecimalMin("0.001") double maxAreaKm2,
                        @Bindable(defaultValue = "30s") Duration refreshInterval) {
    }

    /**
     * {@code ore.location.internal.*}: the services (token subjects) that may call
     * {@code /internal/location/*} ({@code ORE_LOCATION_INTERNAL_CALLERS}, comma-separated; default
     * game-service only). A valid service token for audience {@code location} is not enough.
     */
    @ConfigurationProperties("ore.location.internal")
    public record Internal(@Bindable(defaultValue = "game") java.util.List<String> callers) {
    }
}
