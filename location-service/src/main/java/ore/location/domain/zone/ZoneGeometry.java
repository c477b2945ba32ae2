package ore.location.domain.zone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ore.location.domain.LocationErrors;
import ore.location.domain.geo.GeoMath;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * GeoJSON (RFC 7946) Polygon and MultiPolygon geometries to JTS and back, with the checks an admin
 * endpoint needs: well-formed rings, coordinates in range, a valid (non-self-intersecting) shape, no
 * antimeridian crossing, and the {@link ZoneLimits}. The input is the parsed JSON tree (maps, lists,
 * numbers); every problem is an {@code location.invalid_zone} error that says what to fix.
 */
public final class ZoneGeometry {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    /** A checked geometry with its area (m², spherical approximation) and vertex count. */
    public record Parsed(Geometry geometry, double areaM2, int vertices) {
    }

    private ZoneGeometry() {
    }

    public static Parsed parse(Object geoJson, ZoneLimits limits) {
        if (!(geoJson instanceof Map<?, ?> map)) {
            throw LocationErrors.invalidZone("geometry must be a GeoJSON object with \"type\" and \"coordinates\".");
        }
        Object type = map.get("type");
        Object coordinates = map.get("coordinates");
        if (coordinates == null) {
            throw LocationErrors.invalidZone("geometry has no \"coordinates\" (give a Polygon or MultiPolygon geometry, "
                    + "not a Feature).");
        }
        int[] vertices = {0};
        Geometry geometry;
        if ("Polygon".equals(type)) {
            geometry = polygon(coordinates, limits, vertices);
        } else if ("MultiPolygon".equals(type)) {
            List<?> parts = list(coordinates, "MultiPolygon coordinates");
            if (parts.isEmpty()) {
                throw LocationErrors.invalidZone("MultiPolygon has no polygons.");
            }
            Polygon[] polygons = new Polygon[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                polygons[i] = polygon(parts.get(i), limits, vertices);
            }
            geometry = FACTORY.createMultiPolygon(polygons);
        } else {
            throw LocationErrors.invalidZone("geometry type must be \"Polygon\" or \"MultiPolygon\", got " + describe(type) + ".");
        }
        var validity = new IsValidOp(geometry);
        if (!validity.isValid()) {
            throw LocationErrors.invalidZone("geometry is not valid: " + validity.getValidationError().getMessage()
                    + " (rings must not cross themselves or each other; holes must lie inside their shell).");
        }
        double area = areaM2(geometry);
        if (area <= 0) {
            throw LocationErrors.invalidZone("geometry has no area.");
        }
        if (area > limits.maxAreaM2()) {
            throw LocationErrors.invalidZone(String.format("geometry covers %.1f km²; at most %.1f km² is allowed.",
                    area / 1e6, limits.maxAreaM2() / 1e6));
        }
        return new Parsed(geometry, area, vertices[0]);
    }

    /** The polygons of a Polygon or MultiPolygon. */
    public static List<Polygon> polygons(Geometry geometry) {
        var out = new ArrayList<Polygon>(geometry.getNumGeometries());
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            out.add((Polygon) geometry.getGeometryN(i));
        }
        return out;
    }

    /** The geometry as a GeoJSON tree (what the admin API returns and the database stores). */
    public static Map<String, Object> toGeoJson(Geometry geometry) {
        var json = new LinkedHashMap<String, Object>();
        if (geometry instanceof MultiPolygon) {
            json.put("type", "MultiPolygon");
            json.put("coordinates", polygons(geometry).stream().map(ZoneGeometry::polygonCoordinates).toList());
        } else {
            json.put("type", "Polygon");
            json.put("coordinates", polygonCoordinates((Polygon) geometry));
        }
        return json;
    }

    /**
     * Area on a local equirectangular projection around the geometry's centre: within a fraction of
     * a percent of the ellipsoidal area for anything the size of a zone.
     */
    static double areaM2(Geometry geometry) {
        double lat0 = Math.toRadians(geometry.getEnvelopeInternal().centre().y);
        Geometry projected = geometry.copy();
        projected.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            c.x = c.x * Math.cos(lat0) * GeoMath.METRES_PER_DEGREE;
            c.y = c.y * GeoMath.METRES_PER_DEGREE;
        });
        projected.geometryChanged();
        return projected.getArea();
    }

    private static Polygon polygon(Object coordinates, ZoneLimits limits, int[] vertices) {
        List<?> rings = list(coordinates, "Polygon coordinates");
        if (rings.isEmpty()) {
            throw LocationErrors.invalidZone("Polygon has no rings.");
        }
        LinearRing shell = ring(rings.get(0), limits, vertices);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), limits, vertices);
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Object value, ZoneLimits limits, int[] vertices) {
        List<?> positions = list(value, "a ring");
        if (positions.size() < 4) {
            throw LocationErrors.invalidZone("each ring needs at least 4 positions (the first repeated at the end).");
        }
        vertices[0] += positions.size();
        if (vertices[0] > limits.maxVertices()) {
            throw LocationErrors.invalidZone("geometry has more than " + limits.maxVertices() + " positions.");
        }
        Coordinate[] coords = new Coordinate[positions.size()];
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        for (int i = 0; i < positions.size(); i++) {
            List<?> position = list(positions.get(i), "a position");
            if (position.size() < 2 || !(position.get(0) instanceof Number lon) || !(position.get(1) instanceof Number lat)) {
                throw LocationErrors.invalidZone("each position must be [longitude, latitude] numbers.");
            }
            double x = lon.doubleValue();
            double y = lat.doubleValue();
            if (!GeoMath.validLon(x) || !GeoMath.validLat(y)) {
                throw LocationErrors.invalidZone("positions must be [longitude, latitude] with longitude in [-180, 180] "
                        + "and latitude in [-90, 90].");
            }
            minLon = Math.min(minLon, x);
            maxLon = Math.max(maxLon, x);
            coords[i] = new Coordinate(x, y);
        }
        if (!coords[0].equals2D(coords[coords.length - 1])) {
            throw LocationErrors.invalidZone("each ring must be closed: its last position must equal its first.");
        }
        if (maxLon - minLon > 180) {
            throw LocationErrors.invalidZone("rings must not cross the antimeridian; split the zone in two polygons.");
        }
        return FACTORY.createLinearRing(coords);
    }

    private static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> l)) {
            throw LocationErrors.invalidZone(what + " must be a JSON array.");
        }
        return l;
    }

    private static String describe(Object type) {
        return type instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"" : "none";
    }

    private static List<List<List<Double>>> polygonCoordinates(Polygon polygon) {
        var rings = new ArrayList<List<List<Double>>>(1 + polygon.getNumInteriorRing());
        rings.add(positions(polygon.getExteriorRing()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i)));
        }
        return rings;
    }

    private static List<List<Double>> positions(LinearRing ring) {
        var out = new ArrayList<List<Double>>(ring.getNumPoints());
        for (Coordinate c : ring.getCoordinates()) {
            out.add(List.of(c.x, c.y));
        }
        return out;
    }
}
