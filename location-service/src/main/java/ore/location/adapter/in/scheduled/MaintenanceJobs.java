package ore.location.adapter.in.scheduled;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import ore.location.app.LocationUpdates;
import ore.location.app.NoPlayZones;
import ore.location.app.PositionHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the no-play-zone index fresh (every {@code ore.location.zones.refresh-interval}) and the
 * history partitions ahead of time and within retention (every
 * {@code ore.location.history.maintenance-interval}). Both run once at start-up too, and on every
 * instance: the zone refresh reads one row when nothing changed, and partition DDL is serialised by
 * an advisory lock.
 */
@Singleton
class MaintenanceJobs {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJobs.class);

    private final NoPlayZones zones;
    private final PositionHistory history;
    private final LocationUpdates updates;

    MaintenanceJobs(NoPlayZones zones, PositionHistory history, LocationUpdates updates) {
        this.zones = zones;
        this.history = history;
        this.updates = updates;
    }

    /** Publishes tracking events Kafka did not take when their update was committed (see LocationUpdates). */
    @Scheduled(fixedDelay = "${ore.location.tracking.sweep-interval:10s}", initialDelay = "${ore.location.tracking.sweep-interval:10s}")
    void flushPendingTracking() {
        try {
            int handled = updates.flushPending(java.time.Duration.ofSeconds(5), 200);
            if (handled > 0) {
                LOG.info("Published the pending tracking events of {} player(s)", handled);
            }
        } catch (RuntimeException e) {
            LOG.warn("Pending tracking events not published yet (retried at the next sweep): {}", e.toString());
        }
    }

    @EventListener
    void onStartup(StartupEvent event) {
        refreshZones();
        maintainHistory();
    }

    /**
     * Until the zones were loaded once the instance is not ready (see {@code ZonesReadiness}) and
     * answers 503 where zones matter; this retries every second rather than every refresh interval.
     */
    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void loadZonesUntilLoaded() {
        if (!zones.loaded()) {
            refreshZones();
        }
    }

    @Scheduled(fixedDelay = "${ore.location.zones.refresh-interval:30s}", initialDelay = "${ore.location.zones.refresh-interval:30s}")
    void refreshZones() {
        try {
            zones.refreshIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("No-play zones not refreshed (keeping the current index): {}", e.toString());
        }
    }

    @Scheduled(fixedDelay = "${ore.location.history.maintenance-interval:1h}", initialDelay = "${ore.location.history.maintenance-interval:1h}")
    void maintainHistory() {
        try {
            history.maintain();
        } catch (RuntimeException e) {
            LOG.warn("History maintenance failed; retrying at the next run: {}", e.toString());
        }
    }
}
