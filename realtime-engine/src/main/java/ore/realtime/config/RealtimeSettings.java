package ore.realtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * {@code ore.realtime.*} of the engine. The channel history's settings ({@code history-size},
 * {@code history-ttl}, {@code seen-ttl}) are ore-core's {@code ore.core.realtime.RealtimeSettings}:
 * producers write the history too, so every service reads them from the same place.
 *
 * @param shardedPubsub  SSUBSCRIBE/SPUBLISH (Redis 7, default) or SUBSCRIBE/PUBLISH (Redis 6); the one
 *                       setting all producers share ({@code ORE_REALTIME_SHARDED_PUBSUB})
 * @param broker         {@code redis}, or {@code memory} for a single instance without Redis
 * @param linger         how long the instance stays subscribed after its last client left a channel
 * @param presenceTtl    lifetime of a presence entry without renewal (a crashed instance's entries go after it)
 * @param emfInterval    how often the connection count is logged as a CloudWatch EMF metric (0: never)
 */
@ConfigurationProperties("ore.realtime")
public record RealtimeSettings(
        @Bindable(defaultValue = "true") boolean shardedPubsub,
        @Bindable(defaultValue = "redis") @Pattern(regexp = "redis|memory") String broker,
        @Bindable(defaultValue = "30s") Duration linger,
        @Bindable(defaultValue = "60s") Duration presenceTtl,
        @Bindable(defaultValue = "60s") Duration emfInterval) {
}
