package ore.location.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ore.core.id.Ids;
import ore.location.app.port.Transactions;
import ore.location.app.port.ZoneStore;
import ore.location.domain.LocationErrors;
import ore.location.domain.geo.HexGrid;
import ore.location.domain.zone.NoPlayZone;
import ore.location.domain.zone.ZoneGeometry;
import ore.location.domain.zone.ZoneIndex;
import ore.location.domain.zone.ZoneLimits;
import org.locationtech.jts.geom.Polygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No-play zones: administration, and the in-memory {@link ZoneIndex} every fix is checked against.
 *
 * <p>The index is rebuilt when the stored revision changes: at once on this instance after a change,
 * and on the others at their next {@link #refreshIfChanged()} (every 30 s by default). Until an
 * instance has loaded the zones once it fails closed: {@link #current()} throws UNAVAILABLE (updates
 * and proximity answer 503) and the readiness check is DOWN, so the load balancer sends it nothing.
 */
@Singleton
public class NoPlayZones {

    private static final Logger LOG = LoggerFactory.getLogger(NoPlayZones.class);

    private final ZoneStore store;
    private final Transactions tx;
    private final HexGrid grid;
    private final ZoneLimits limits;
    private final Clock clock;
    private volatile ZoneIndex index = ZoneIndex.EMPTY;
    private volatile long loadedRevision = -1;

    public NoPlayZones(ZoneStore store, Transactions tx, HexGrid grid, ZoneLimits limits, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.grid = grid;
        this.limits = limits;
        this.clock = clock;
    }

    public NoPlayZone create(String name, Object geoJson, String createdBy) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > limits.maxNameLength()
                || cleanName.chars().anyMatch(Character::isISOControl)) {
            throw LocationErrors.invalidZone("name must be 1 to " + limits.maxNameLength()
                    + " printable characters.");
        }
        ZoneGeometry.Parsed parsed = ZoneGeometry.parse(geoJson, limits);
        Set<Long> cells = new LinkedHashSet<>();
        for (Polygon polygon : ZoneGeometry.polygons(parsed.geometry())) {
            cells.addAll(grid.coverPolygon(polygon, ZoneIndex.RESOLUTION));
        }
        var zone = new NoPlayZone(Ids.newId(clock), cleanName, parsed.geometry(), parsed.areaM2(), clock.instant(),
                createdBy);
        long[] cellArray = cells.stream().mapToLong(Long::longValue).toArray();
        tx.run(() -> store.create(zone, cellArray));
        LOG.info("No-play zone {} created by {}: {} m², {} cells", zone.id(), createdBy, Math.round(zone.areaM2()),
                cellArray.length);
        refreshQuietly();
        return zone;
    }

    public void delete(UUID id, String deletedBy) {
        boolean deleted = tx.inTransaction(() -> store.delete(id));
        if (!deleted) {
            throw LocationErrors.zoneNotFound();
        }
        LOG.info("No-play zone {} deleted by {}", id, deletedBy);
        refreshQuietly();
    }

    /** Every zone, from the database (not the possibly older index). */
    public List<NoPlayZone> list() {
        return store.loadAll().stream().map(ZoneIndex.Covered::zone).toList();
    }

    /** The index fixes are checked against; UNAVAILABLE until the zones were loaded once. */
    public ZoneIndex current() {
        if (loadedRevision < 0) {
            throw LocationErrors.zonesNotLoaded();
        }
        return index;
    }

    /** Whether the zones were loaded at least once. */
    public boolean loaded() {
        return loadedRevision >= 0;
    }

    /** Reloads the index if the stored revision moved; true when it did. */
    public synchronized boolean refreshIfChanged() {
        long revision = store.revision();
        if (revision == loadedRevision) {
            return false;
        }
        ZoneIndex next = ZoneIndex.of(grid, store.loadAll());
        index = next;
        loadedRevision = revision;
        LOG.info("No-play zones loaded: {} zone(s), {} cell(s), revision {}", next.zones().size(), next.cellCount(),
                revision);
        return true;
    }

    private void refreshQuietly() {
        try {
            refreshIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("No-play zone index not refreshed after a change; the next scheduled refresh retries: {}",
                    e.toString());
        }
    }
}
