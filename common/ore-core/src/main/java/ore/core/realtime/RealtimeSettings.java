package ore.core.realtime;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code ore.realtime.*}, shared by every producer of realtime messages and by realtime-engine:
 * {@code sharded-pubsub} ({@code ORE_REALTIME_SHARDED_PUBSUB}, default {@code true}) picks Redis 7
 * sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}, which scales with the shards of a cluster such
 * as ElastiCache Serverless); {@code false} picks plain {@code PUBLISH}/{@code SUBSCRIBE} for Redis 6
 * (the embedded Redis of the local run). All services of one deployment must agree: a message
 * published one way never reaches a subscriber of the other.
 *
 * <p>The channel history ({@link RealtimeHistory}) is written by producers and the engine alike, so
 * its settings live here too and must agree across services: {@code history-size} (publications kept
 * per channel, default 100), {@code history-ttl} (how long a channel's history outlives its last
 * publication, default 10 minutes) and {@code seen-ttl} (how long a message's offset is remembered,
 * so the engine instances that receive it later append nothing; default 2 minutes).
 */
@ConfigurationProperties(RealtimeSettings.PREFIX)
public record RealtimeSettings(@Bindable(defaultValue = "true") boolean shardedPubsub,
                               @Bindable(defaultValue = "100") int historySize,
                               @Bindable(defaultValue = "10m") Duration historyTtl,
                               @Bindable(defaultValue = "2m") Duration seenTtl) {

    public static final String PREFIX = "ore.realtime";

    public RealtimeSettings {
        history(historySize, historyTtl, seenTtl); // refuses nonsense at start-up
    }

    public RealtimeHistory.Settings history() {
        return history(historySize, historyTtl, seenTtl);
    }

    private static RealtimeHistory.Settings history(int size, Duration ttl, Duration seenTtl) {
        try {
            return new RealtimeHistory.Settings(size, ttl, seenTtl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + ".history-size must be at least 1 and " + PREFIX
                    + ".history-ttl / " + PREFIX + ".seen-ttl positive; got " + size + ", " + ttl + ", " + seenTtl);
        }
    }
}
