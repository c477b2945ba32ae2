package ore.realtime.config;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ore.realtime.adapter.out.h3.H3CellGrid;
import ore.realtime.adapter.out.http.LocationPlayerCells;
import ore.realtime.adapter.out.memory.MemoryBroker;
import ore.realtime.adapter.out.memory.MemoryPresenceStore;
import ore.realtime.adapter.out.redis.PubSubReconnectWatch;
import ore.realtime.adapter.out.redis.RedisBroker;
import ore.realtime.adapter.out.redis.RedisPresenceStore;
import ore.realtime.adapter.out.security.JwtTokenVerifier;
import ore.realtime.app.Engine;
import ore.realtime.app.EngineMetrics;
import ore.realtime.app.Hub;
import ore.realtime.app.Limits;
import ore.realtime.app.port.Broker;
import ore.realtime.app.port.PlayerCells;
import ore.realtime.app.port.PresenceStore;
import ore.realtime.app.port.TokenVerifier;
import ore.realtime.domain.CellAccess;
import ore.realtime.domain.CellGrid;
import ore.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the engine and its adapters from the settings. */
@Factory
public class RealtimeFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeFactory.class);

    /** Timers of the engine (leases, linger, presence, EMF): short, non-blocking tasks on one platform thread. */
    @Singleton
    @Named("realtime")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService realtimeScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("realtime-timer").daemon().factory());
    }

    @Singleton
    EngineMetrics engineMetrics(MeterRegistry registry) {
        return new EngineMetrics(registry);
    }

    @Singleton
    CellGrid cellGrid() {
        return new H3CellGrid();
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "ore.realtime.broker", value = "redis", defaultValue = "redis")
    Broker redisBroker(AbstractRedisClient client, RedisClusterAsyncCommands<String, String> redis,
                       StatefulRedisPubSubConnection<String, String> pubsub, RealtimeSettings settings,
                       ore.core.realtime.RealtimeSettings shared, @Named("realtime") ScheduledExecutorService scheduler) {
        // redis.uri gives a RedisClient, redis.uris (ElastiCache Serverless, cluster mode) a
        // RedisClusterClient. Its pub/sub connection routes each SSUBSCRIBE to the node owning the
        // channel's slot; the messages arrive on that node's connection and reach our listener only
        // with node message propagation on (without it ClusterModeTest loses messages).
        if (pubsub instanceof StatefulRedisClusterPubSubConnection<String, String> cluster) {
            cluster.setNodeMessagePropagation(true);
        }
        var broker = new RedisBroker(redis, pubsub, settings.shardedPubsub(), shared.history(), scheduler);
        client.addListener(new PubSubReconnectWatch(broker::reconnected));
        LOG.info("Redis broker, {} pub/sub", settings.shardedPubsub() ? "sharded (SSUBSCRIBE)" : "plain (SUBSCRIBE)");
        return broker;
    }

    @Singleton
    @Requires(property = "ore.realtime.broker", value = "redis", defaultValue = "redis")
    PresenceStore redisPresence(RedisClusterAsyncCommands<String, String> redis, RealtimeSettings settings, Clock clock) {
        return new RedisPresenceStore(redis, settings.presenceTtl(), clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "ore.realtime.broker", value = "memory")
    Broker memoryBroker(ore.core.realtime.RealtimeSettings shared) {
        LOG.warn("In-memory broker: single instance only, producers in other processes are not heard");
        return new MemoryBroker(new MemoryBroker.Backend(shared.historySize()));
    }

    @Singleton
    @Requires(property = "ore.realtime.broker", value = "memory")
    PresenceStore memoryPresence(RealtimeSettings settings, Clock clock) {
        return new MemoryPresenceStore(settings.presenceTtl(), clock);
    }

    @Singleton
    TokenVerifier tokenVerifier(Collection<TokenValidator<HttpRequest<?>>> validators) {
        return new JwtTokenVerifier(validators);
    }

    @Singleton
    PlayerCells playerCells(@Client(id = "location") HttpClient http, BeanProvider<ServiceTokens> tokens,
                            LocationSettings location, @Value("${ore.security.client.client-secret:}") String secret) {
        if (secret.isBlank()) {
            LOG.warn("No ORE_SECURITY_CLIENT_CLIENT_SECRET: cell channels cannot be authorised and are refused");
            return player -> CompletableFuture.failedFuture(new IllegalStateException("no service credentials"));
        }
        CircuitBreaker breaker = CircuitBreaker.of("location", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(location.breakerWindow())
                .minimumNumberOfCalls(location.breakerMinCalls())
                .failureRateThreshold(location.breakerFailureRate())
                .waitDurationInOpenState(location.breakerOpenFor())
                .build());
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("location-service circuit breaker: {}",
                e.getStateTransition()));
        return new LocationPlayerCells(http, tokens.get(), location.timeout(), location.cacheTtl(), breaker);
    }

    @Singleton
    Hub hub(Broker broker, PresenceStore presence, @Named("realtime") ScheduledExecutorService scheduler,
            RealtimeSettings settings, EngineMetrics metrics) {
        var hub = new Hub(broker, presence, scheduler, settings.linger(), metrics);
        broker.start(hub);
        long every = Math.max(100, settings.presenceTtl().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(hub::refreshPresence, every, every, TimeUnit.MILLISECONDS);
        return hub;
    }

    @Singleton
    Limits limits(ConnectionSettings c) {
        return new Limits(c.maxSubscriptions(), c.authTimeout(), c.ratePerSecond(), c.rateBurst(), c.rateStrikes(),
                c.maxPublishBytes(), c.maxPendingPerSubscription(), c.historyLimit(), c.cellClientPublish(),
                c.reconnectMin(), c.reconnectMax());
    }

    @Singleton
    Engine engine(Broker broker, Hub hub, PresenceStore presence, PlayerCells cells, CellGrid grid,
                  LocationSettings location, TokenVerifier tokens, Limits limits, EngineMetrics metrics, Clock clock) {
        return new Engine(broker, hub, presence, cells, new CellAccess(grid, location.maxRings()), tokens, limits,
                metrics, clock);
    }
}
