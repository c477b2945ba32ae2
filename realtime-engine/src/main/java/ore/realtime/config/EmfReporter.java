package ore.realtime.config;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ore.realtime.app.Engine;
import ore.realtime.app.EngineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the connection count in CloudWatch Embedded Metric Format, one JSON object per line on the
 * logger {@code ore.realtime.emf}, which logback writes raw (not wrapped in the JSON log layout) so
 * CloudWatch Logs extracts metric {@code ORE/Realtime Connections} (dimension {@code Service}). ECS
 * target tracking on "1000 connections per task" uses the average of that metric.
 */
@Singleton
class EmfReporter implements ApplicationEventListener<StartupEvent> {

    private static final Logger EMF = LoggerFactory.getLogger("ore.realtime.emf");

    private final Engine engine;
    private final EngineMetrics metrics;
    private final RealtimeSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    EmfReporter(Engine engine, EngineMetrics metrics, RealtimeSettings settings,
                @Named("realtime") ScheduledExecutorService scheduler, Clock clock) {
        this.engine = engine;
        this.metrics = metrics;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        long every = settings.emfInterval().toMillis();
        if (every > 0) {
            scheduler.scheduleAtFixedRate(() -> EMF.info(line(clock.millis(), engine.connectionCount(),
                    metrics.subscriptions.get())), every, every, TimeUnit.MILLISECONDS);
        }
    }

    static String line(long timestampMs, long connections, long subscriptions) {
        return "{\"_aws\":{\"Timestamp\":" + timestampMs + ",\"CloudWatchMetrics\":[{\"Namespace\":\"ORE/Realtime\","
                + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"Connections\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"Subscriptions\",\"Unit\":\"Count\"}]}]},\"Service\":\"realtime-engine\","
                + "\"Connections\":" + connections + ",\"Subscriptions\":" + subscriptions + "}";
    }
}
