package ore.location.adapter.in.scheduled;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
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

    MaintenanceJobs(NoPlayZones zones, PositionHistory history) {
        this.zones = zones;
        this.history = history;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        refreshZones();
        maintainHistory();
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
