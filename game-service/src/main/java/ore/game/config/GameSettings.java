package ore.game.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;

/** Settings of game-service, all under {@code ore.game.*}; the README lists them with their env vars. */
public final class GameSettings {

    private GameSettings() {
    }

    /**
     * {@code ore.game.nodes.*}: how nodes spawn. {@code secret} ({@code ORE_GAME_NODES_SECRET}, at
     * least 32 bytes, from Secrets Manager) keys the HMAC; without it the service refuses to start
     * unless {@code allow-dev-secret} is set, which only the local run and tests do.
     */
    @ConfigurationProperties("ore.game.nodes")
    public record Nodes(@Nullable String secret,
                        @Bindable(defaultValue = "false") boolean allowDevSecret,
                        @Bindable(defaultValue = "0.35") @DecimalMin("0.0001") @DecimalMax("1") double spawnProbability,
                        @Bindable(defaultValue = "5") @Min(1) int capacityMin,
                        @Bindable(defaultValue = "50") @Min(1) int capacityMax,
                        @Bindable(defaultValue = "5m") Duration grace,
                        @Bindable(defaultValue = "500") @DecimalMin("1") double defaultRadiusM,
                        @Bindable(defaultValue = "1000") @DecimalMin("1") double maxRadiusM,
                        @Bindable(defaultValue = "1000") @DecimalMin("1") double maxCenterOffsetM,
                        @Bindable(defaultValue = "10m") Duration maxCenterFixAge,
                        @Bindable(defaultValue = "200000") @Min(1000) long cacheSize) {
    }

    /**
     * {@code ore.game.mining.*}: the spec's 40 m, how old a trusted position may be, the cooldown, the
     * largest accuracy radius a position may have to count for mining (see {@code MiningRules}).
     */
    @ConfigurationProperties("ore.game.mining")
    public record Mining(@Bindable(defaultValue = "40") @DecimalMin("1") double maxDistanceM,
                         @Bindable(defaultValue = "20") @DecimalMin("1") double maxAccuracyM,
                         @Bindable(defaultValue = "60s") Duration maxFixAge,
                         @Bindable(defaultValue = "3s") Duration cooldown,
                         @Bindable(defaultValue = "24h") Duration requestRetention) {
    }

    /**
     * {@code ore.game.location.*}: location-service's internal API, the deadline of one call and the
     * circuit breaker (count-based window; opens at the failure-rate threshold once min-calls were
     * seen, stays open for open-for, then lets half-open-calls through to probe).
     */
    @ConfigurationProperties("ore.game.location")
    public record Location(@Bindable(defaultValue = "http://127.0.0.1:8082") @NotBlank String url,
                           @Bindable(defaultValue = "500ms") Duration timeout,
                           @Bindable(defaultValue = "20") @Min(1) int breakerWindow,
                           @Bindable(defaultValue = "10") @Min(1) int breakerMinCalls,
                           @Bindable(defaultValue = "50") @DecimalMin("1") @DecimalMax("100") float breakerFailureRate,
                           @Bindable(defaultValue = "10s") Duration breakerOpenFor,
                           @Bindable(defaultValue = "3") @Min(1) int breakerHalfOpenCalls) {
    }

    /**
     * {@code ore.game.rewards.*}: token units (wei) per unit of each ore, as decimal integer strings
     * ({@code ORE_GAME_REWARDS_RATES_COPPER=1000000000000000}), and the claim size limits.
     */
    @ConfigurationProperties("ore.game.rewards")
    public record Rewards(Map<String, String> rates,
                          @Bindable(defaultValue = "1") @Min(1) long minAmount,
                          @Bindable(defaultValue = "1000000") @Min(1) long maxAmount) {
    }

    @ConfigurationProperties("ore.game.leaderboard")
    public record Leaderboards(@Bindable(defaultValue = "3d") Duration dailyTtl,
                               @Bindable(defaultValue = "15d") Duration weeklyTtl) {
    }

    /**
     * {@code ore.game.load.*}: load shedding. At most {@code max-in-flight} game API requests at once per
     * instance ({@code ORE_GAME_LOAD_MAX_IN_FLIGHT}); more are answered 503 with {@code Retry-After}.
     */
    @ConfigurationProperties("ore.game.load")
    public record Load(@Bindable(defaultValue = "64") @Min(1) int maxInFlight,
                       @Bindable(defaultValue = "1s") Duration retryAfter) {
    }
}
