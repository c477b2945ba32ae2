package ore.realtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;

/**
 * {@code ore.realtime.connection.*}: the WebSocket endpoint and what one connection may do.
 *
 * @param path               the upgrade path (the ALB routes {@code /ws/*} here)
 * @param allowedOrigins     browser origins allowed to connect; requests without Origin (mobile apps) always may
 * @param maxConnections     connections this instance accepts before answering 503
 * @param maxFrameBytes      largest frame a client may send (larger: close 1009)
 * @param outboundQueueBytes bytes queued towards one client before it counts as a slow consumer
 * @param heartbeat          silence after which the server pings; twice that closes the connection
 * @param authTimeout        time for the auth frame when the token did not come as a subprotocol
 * @param drainTimeout       how long shutdown waits for clients to go after the 1012 close
 */
@ConfigurationProperties("ore.realtime.connection")
public record ConnectionSettings(
        @Bindable(defaultValue = "/ws") @NotBlank String path,
        @Bindable(defaultValue = "") List<String> allowedOrigins,
        @Bindable(defaultValue = "50000") @Min(1) int maxConnections,
        @Bindable(defaultValue = "8192") @Min(256) int maxFrameBytes,
        @Bindable(defaultValue = "262144") @Min(1024) int outboundQueueBytes,
        @Bindable(defaultValue = "25s") Duration heartbeat,
        @Bindable(defaultValue = "5s") Duration authTimeout,
        @Bindable(defaultValue = "64") @Min(1) int maxSubscriptions,
        @Bindable(defaultValue = "20") @Min(1) int ratePerSecond,
        @Bindable(defaultValue = "50") @Min(1) int rateBurst,
        @Bindable(defaultValue = "20") @Min(1) int rateStrikes,
        @Bindable(defaultValue = "2048") @Min(16) int maxPublishBytes,
        @Bindable(defaultValue = "1000") @Min(1) int maxPendingPerSubscription,
        @Bindable(defaultValue = "100") @Min(0) int historyLimit,
        @Bindable(defaultValue = "true") boolean cellClientPublish,
        @Bindable(defaultValue = "1s") Duration reconnectMin,
        @Bindable(defaultValue = "15s") Duration reconnectMax,
        @Bindable(defaultValue = "10s") Duration drainTimeout) {
}
