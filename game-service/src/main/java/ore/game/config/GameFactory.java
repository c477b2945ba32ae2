package ore.game.config;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import ore.game.adapter.out.h3.H3HexGrid;
import ore.game.adapter.out.http.LocationHttpProximity;
import ore.game.adapter.out.redis.RedisLeaderboard;
import ore.game.adapter.out.redis.RedisRealtimeFanout;
import ore.core.realtime.RealtimePublisher;
import ore.game.app.HousekeepingService;
import ore.game.app.NodeCatalog;
import ore.game.app.NodeService;
import ore.game.app.port.Leaderboard;
import ore.game.app.port.PlayerProximity;
import ore.game.app.port.RealtimeFanout;
import ore.game.domain.leaderboard.LeaderboardKeys;
import ore.game.domain.mining.MiningRules;
import ore.game.domain.node.HexGrid;
import ore.game.domain.node.NodeLifetime;
import ore.game.domain.node.NodeSpawner;
import ore.game.domain.node.OreType;
import ore.game.domain.node.SpawnRules;
import ore.game.domain.reward.ClaimLimits;
import ore.game.domain.reward.RewardRates;
import ore.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the domain objects and adapters of game-service from its settings. */
@Factory
public class GameFactory {

    private static final Logger LOG = LoggerFactory.getLogger(GameFactory.class);

    /**
     * A well-known secret for local runs and tests only: anyone can compute the nodes with it, which
     * is harmless on a laptop and fatal in production, hence the explicit opt-in.
     */
    static final String DEV_SECRET = "ore-local-development-node-secret-not-for-production";

    @Singleton
    HexGrid hexGrid() {
        return new H3HexGrid();
    }

    @Singleton
    NodeSpawner nodeSpawner(GameSettings.Nodes nodes, HexGrid grid) {
        return new NodeSpawner(secret(nodes), grid, new SpawnRules(SpawnRules.RESOLUTION, nodes.spawnProbability(),
                nodes.capacityMin(), nodes.capacityMax()));
    }

    static byte[] secret(GameSettings.Nodes nodes) {
        if (nodes.secret() != null && !nodes.secret().isBlank()) {
            byte[] secret = nodes.secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < NodeSpawner.MIN_SECRET_BYTES) {
                throw new IllegalStateException("ORE_GAME_NODES_SECRET must be at least " + NodeSpawner.MIN_SECRET_BYTES
                        + " bytes (e.g. 64 random hex digits).");
            }
            return secret;
        }
        if (!nodes.allowDevSecret()) {
            throw new IllegalStateException("No node secret: set ORE_GAME_NODES_SECRET (at least 32 random bytes, e.g. "
                    + "`openssl rand -hex 32`). Only local runs may set ORE_GAME_NODES_ALLOW_DEV_SECRET=true instead.");
        }
        LOG.warn("Using the well-known development node secret: anyone can predict the nodes (local/dev only)");
        return DEV_SECRET.getBytes(StandardCharsets.UTF_8);
    }

    @Singleton
    NodeLifetime nodeLifetime(GameSettings.Nodes nodes) {
        return new NodeLifetime(nodes.grace());
    }

    @Singleton
    NodeCatalog nodeCatalog(NodeSpawner spawner, NodeLifetime lifetime, GameSettings.Nodes nodes) {
        return new NodeCatalog(spawner, lifetime, nodes.cacheSize());
    }

    @Singleton
    NodeService.ListingLimits listingLimits(GameSettings.Nodes nodes) {
        return new NodeService.ListingLimits(nodes.defaultRadiusM(), nodes.maxRadiusM(), nodes.maxCenterOffsetM(),
                nodes.maxCenterFixAge());
    }

    @Singleton
    MiningRules miningRules(GameSettings.Mining mining) {
        return new MiningRules(mining.maxDistanceM(), mining.maxFixAge(), mining.cooldown(), mining.maxAccuracyM());
    }

    @Singleton
    HousekeepingService.Retention retention(GameSettings.Mining mining) {
        return new HousekeepingService.Retention(mining.requestRetention());
    }

    @Singleton
    RewardRates rewardRates(GameSettings.Rewards rewards) {
        var rates = new EnumMap<OreType, BigInteger>(OreType.class);
        if (rewards.rates() != null) {
            rewards.rates().forEach((name, value) -> {
                OreType ore = OreType.byCode(name.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() ->
                        new IllegalStateException("ore.game.rewards.rates." + name + ": no such ore"));
                try {
                    rates.put(ore, new BigInteger(value.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("ore.game.rewards.rates." + name + " must be a decimal integer (wei)");
                }
            });
        }
        return new RewardRates(rates);
    }

    @Singleton
    ClaimLimits claimLimits(GameSettings.Rewards rewards) {
        return new ClaimLimits(rewards.minAmount(), rewards.maxAmount());
    }

    @Singleton
    LeaderboardKeys leaderboardKeys(GameSettings.Leaderboards boards) {
        return new LeaderboardKeys(boards.dailyTtl(), boards.weeklyTtl());
    }

    @Singleton
    Leaderboard leaderboard(RedisClusterAsyncCommands<String, String> redis, LeaderboardKeys keys, MeterRegistry meters) {
        return new RedisLeaderboard(redis, keys, meters);
    }

    @Singleton
    RealtimeFanout realtimeFanout(RealtimePublisher publisher) {
        return new RedisRealtimeFanout(publisher);
    }

    @Singleton
    PlayerProximity playerProximity(@Client(id = "location") HttpClient http, GameSettings.Location location,
                                    ServiceTokens tokens, MeterRegistry meters) {
        CircuitBreaker breaker = CircuitBreaker.of("location", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(location.breakerWindow())
                .minimumNumberOfCalls(location.breakerMinCalls())
                .failureRateThreshold(location.breakerFailureRate())
                .waitDurationInOpenState(location.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(location.breakerHalfOpenCalls())
                .build());
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("location-service circuit breaker: {}",
                e.getStateTransition()));
        Gauge.builder("ore.game.location.breaker.open", breaker, b -> b.getState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the circuit breaker to location-service is open or half-open")
                .register(meters);
        return new LocationHttpProximity(http, tokens, location.timeout(), breaker, location.breakerOpenFor());
    }
}
