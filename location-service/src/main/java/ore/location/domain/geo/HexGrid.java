package ore.location.domain.geo;

import com.uber.h3core.H3Core;
import com.uber.h3core.PolygonToCellsFlags;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The H3 grid as location-service uses it: points to cells, and the cells that cover a circle or a
 * polygon. Coverings use H3's "overlapping" containment, so every cell that touches the shape is
 * included, not only those whose centre lies inside it (a small zone or circle may contain no cell
 * centre at all). Thread-safe; create one per process (the native library is loaded once).
 */
public final class HexGrid {

    /** Vertices of the polygon that stands in for a circle. */
    private static final int CIRCLE_VERTICES = 32;

    private final H3Core h3;

    private HexGrid(H3Core h3) {
        this.h3 = h3;
    }

    public static HexGrid load() {
        try {
            return new HexGrid(H3Core.newInstance());
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot load the H3 native library (run the JVM with "
                    + "--enable-native-access=ALL-UNNAMED on a supported platform)", e);
        }
    }

    public long cell(double lat, double lon, int resolution) {
        return h3.latLngToCell(lat, lon, resolution);
    }

    public String address(long cell) {
        return h3.h3ToString(cell);
    }

    public long parse(String address) {
        return h3.stringToH3(address);
    }

    /**
     * Every cell at {@code resolution} that overlaps the circle of {@code radiusM} around the point.
     * The circle is approximated by a circumscribed 32-gon, so the covering is never too small. Near
     * the poles and across the antimeridian, where the polygon would be ill-formed, a grid disk
     * large enough to contain the circle is returned instead.
     */
    public List<Long> coverCircle(double lat, double lon, double radiusM, int resolution) {
        double circumscribed = radiusM / Math.cos(Math.PI / CIRCLE_VERTICES);
        double dLat = Math.toDegrees(circumscribed / GeoMath.EARTH_RADIUS_M);
        double cosLat = Math.cos(Math.toRadians(lat));
        if (Math.abs(lat) + dLat > 85.0 || cosLat < 0.05) {
            return diskCovering(lat, lon, radiusM, resolution);
        }
        double dLon = dLat / cosLat;
        if (lon - dLon < -180.0 || lon + dLon > 180.0) {
            return diskCovering(lat, lon, radiusM, resolution);
        }
        var ring = new ArrayList<LatLng>(CIRCLE_VERTICES);
        for (int i = 0; i < CIRCLE_VERTICES; i++) {
            double a = 2 * Math.PI * i / CIRCLE_VERTICES;
            ring.add(new LatLng(lat + dLat * Math.cos(a), lon + dLon * Math.sin(a)));
        }
        Set<Long> cells = new LinkedHashSet<>();
        cells.add(cell(lat, lon, resolution));
        cells.addAll(h3.polygonToCellsExperimental(ring, List.of(), resolution,
                PolygonToCellsFlags.containment_overlapping));
        return List.copyOf(cells);
    }

    /** Every cell at {@code resolution} that overlaps the polygon (holes respected). */
    public List<Long> coverPolygon(Polygon polygon, int resolution) {
        List<List<LatLng>> holes = new ArrayList<>(polygon.getNumInteriorRing());
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            holes.add(ring(polygon.getInteriorRingN(i)));
        }
        return h3.polygonToCellsExperimental(ring(polygon.getExteriorRing()), holes, resolution,
                PolygonToCellsFlags.containment_overlapping);
    }

    /**
     * A grid disk around the point's cell that certainly contains the circle: a point lies within one
     * circumradius (the edge length) of its cell's centre, and cells at grid distance k+1 have
     * centres at least 1.5·(k+1) edge lengths away; edge lengths are taken from the centre cell with
     * a 25 % margin for H3's distortion.
     */
    private List<Long> diskCovering(double lat, double lon, double radiusM, int resolution) {
        long centre = cell(lat, lon, resolution);
        List<LatLng> boundary = h3.cellToBoundary(centre);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < boundary.size(); i++) {
            LatLng a = boundary.get(i);
            LatLng b = boundary.get((i + 1) % boundary.size());
            double edge = GeoMath.distanceM(a.lat, a.lng, b.lat, b.lng);
            min = Math.min(min, edge);
            max = Math.max(max, edge);
        }
        int k = (int) Math.floor((radiusM + 2 * max * 1.25) / (1.5 * min * 0.75));
        return h3.gridDisk(centre, Math.max(1, k));
    }

    private static List<LatLng> ring(LinearRing ring) {
        Coordinate[] coords = ring.getCoordinates();
        // JTS rings repeat the first point at the end; H3 loops are implicitly closed.
        var points = new ArrayList<LatLng>(coords.length - 1);
        for (int i = 0; i < coords.length - 1; i++) {
            points.add(new LatLng(coords[i].y, coords[i].x));
        }
        return points;
    }
}
