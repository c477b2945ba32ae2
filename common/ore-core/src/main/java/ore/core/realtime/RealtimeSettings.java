package ore.core.realtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code ore.realtime.*}, shared by every producer of realtime messages and by realtime-engine:
 * {@code sharded-pubsub} ({@code ORE_REALTIME_SHARDED_PUBSUB}, default {@code true}) picks Redis 7
 * sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}, which scales with the shards of a cluster such
 * as ElastiCache Serverless); {@code false} picks plain {@code PUBLISH}/{@code SUBSCRIBE} for Redis 6
 * (the embedded Redis of the local run). All services of one deployment must agree: a message
 * published one way never reaches a subscriber of the other.
 */
@ConfigurationProperties(RealtimeSettings.PREFIX)
public record RealtimeSettings(@Bindable(defaultValue = "true") boolean shardedPubsub) {

    public static final String PREFIX = "ore.realtime";
}
