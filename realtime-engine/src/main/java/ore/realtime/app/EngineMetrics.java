package ore.realtime.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's meters (Prometheus at /metrics): connections and subscriptions held, messages in and
 * out, drops by reason, and slow-consumer disconnects.
 */
public final class EngineMetrics {

    public final AtomicLong connections = new AtomicLong();
    public final AtomicLong subscriptions = new AtomicLong();
    public final Counter messagesIn;
    public final Counter messagesOut;
    public final Counter droppedRateLimited;
    public final Counter droppedMalformed;
    public final Counter droppedPendingOverflow;
    public final Counter slowConsumerDisconnects;
    public final Counter publications;

    public EngineMetrics(MeterRegistry registry) {
        Gauge.builder("ore.realtime.connections", connections, AtomicLong::get)
                .description("Open, authenticated or not, WebSocket connections").register(registry);
        Gauge.builder("ore.realtime.subscriptions", subscriptions, AtomicLong::get)
                .description("Channel subscriptions held by this instance's clients").register(registry);
        messagesIn = Counter.builder("ore.realtime.messages.in").description("Frames received from clients")
                .register(registry);
        messagesOut = Counter.builder("ore.realtime.messages.out").description("Frames sent to clients")
                .register(registry);
        droppedRateLimited = drop(registry, "rate_limited");
        droppedMalformed = drop(registry, "malformed");
        droppedPendingOverflow = drop(registry, "pending_overflow");
        slowConsumerDisconnects = Counter.builder("ore.realtime.slow.consumer.disconnects")
                .description("Connections closed because their outbound queue was full").register(registry);
        publications = Counter.builder("ore.realtime.publications")
                .description("Channel publications received from the broker").register(registry);
    }

    private static Counter drop(MeterRegistry registry, String reason) {
        return Counter.builder("ore.realtime.drops").tag("reason", reason)
                .description("Frames or publications dropped").register(registry);
    }
}
