package ore.location.domain.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.location.domain.geo.HexGrid;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * An immutable in-memory index of the no-play zones: H3 cell → zones whose covering contains the
 * cell, then an exact point-in-polygon test on the few candidates. A point outside every covering
 * cell (nearly every point) costs one H3 lookup and one hash probe.
 */
public final class ZoneIndex {

    /** The resolution of the stored coverings (res 9: cells of about 0.1 km²). */
    public static final int RESOLUTION = 9;

    /** A zone with the cells that cover it, as stored. */
    public record Covered(NoPlayZone zone, long[] cells) {
    }

    private record Candidate(UUID id, PreparedGeometry shape) {
    }

    private static final GeometryFactory POINTS = new GeometryFactory();

    public static final ZoneIndex EMPTY = new ZoneIndex(null, Map.of(), List.of());

    private final HexGrid grid;
    private final Map<Long, List<Candidate>> byCell;
    private final List<NoPlayZone> zones;

    private ZoneIndex(HexGrid grid, Map<Long, List<Candidate>> byCell, List<NoPlayZone> zones) {
        this.grid = grid;
        this.byCell = byCell;
        this.zones = zones;
    }

    public static ZoneIndex of(HexGrid grid, List<Covered> covered) {
        Map<Long, List<Candidate>> byCell = new HashMap<>();
        var zones = new ArrayList<NoPlayZone>(covered.size());
        for (Covered c : covered) {
            PreparedGeometry shape = PreparedGeometryFactory.prepare(c.zone().geometry());
            // Builds the prepared geometry's lazy indexes now, not on a request thread under its lock.
            shape.covers(c.zone().geometry().getInteriorPoint());
            var candidate = new Candidate(c.zone().id(), shape);
            for (long cell : c.cells()) {
                byCell.computeIfAbsent(cell, k -> new ArrayList<>(1)).add(candidate);
            }
            zones.add(c.zone());
        }
        return new ZoneIndex(grid, Map.copyOf(byCell), List.copyOf(zones));
    }

    public boolean contains(double lat, double lon) {
        return !zonesAt(lat, lon).isEmpty();
    }

    /** Ids of the zones that cover the point (boundary included). */
    public List<UUID> zonesAt(double lat, double lon) {
        if (byCell.isEmpty()) {
            return List.of();
        }
        List<Candidate> candidates = byCell.get(grid.cell(lat, lon, RESOLUTION));
        if (candidates == null) {
            return List.of();
        }
        Point point = POINTS.createPoint(new Coordinate(lon, lat));
        var hits = new ArrayList<UUID>(1);
        for (Candidate c : candidates) {
            if (c.shape().covers(point)) {
                hits.add(c.id());
            }
        }
        return hits;
    }

    public List<NoPlayZone> zones() {
        return zones;
    }

    public int cellCount() {
        return byCell.size();
    }
}
