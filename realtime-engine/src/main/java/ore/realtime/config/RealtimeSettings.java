package ore.realtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * {@code ore.realtime.*}: the broker and channel history.
 *
 * @param shardedPubsub  SSUBSCRIBE/SPUBLISH (Redis 7, default) or SUBSCRIBE/PUBLISH (Redis 6); the one
 *                       setting all producers share ({@code ORE_REALTIME_SHARDED_PUBSUB})
 * @param broker         {@code redis}, or {@code memory} for a single instance without Redis
 * @param historySize    publications kept per channel
 * @param historyTtl     how long a channel's history outlives its last publication
 * @param lease          how long a channel counts as listened to after the last renewal
 * @param seenTtl        how long the offset of a message is remembered for other instances
 * @param linger         how long the instance stays subscribed after its last client left a channel
 * @param presenceTtl    lifetime of a presence entry without renewal (a crashed instance's entries go after it)
 * @param emfInterval    how often the connection count is logged as a CloudWatch EMF metric (0: never)
 */
@ConfigurationProperties("ore.realtime")
public record RealtimeSettings(
        @Bindable(defaultValue = "true") boolean shardedPubsub,
        @Bindable(defaultValue = "redis") @Pattern(regexp = "redis|memory") String broker,
        @Bindable(defaultValue = "100") @Min(1) int historySize,
        @Bindable(defaultValue = "10m") Duration historyTtl,
        @Bindable(defaultValue = "30s") Duration lease,
        @Bindable(defaultValue = "2m") Duration seenTtl,
        @Bindable(defaultValue = "30s") Duration linger,
        @Bindable(defaultValue = "60s") Duration presenceTtl,
        @Bindable(defaultValue = "60s") Duration emfInterval) {
}
