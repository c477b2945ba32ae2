package ore.location.domain.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ore.core.error.DomainException;
import org.junit.jupiter.api.Test;

class ZoneGeometryTest {

    static final ZoneLimits LIMITS = ZoneLimits.defaults();

    /** A square of {@code d} degrees with its south-west corner at (lon, lat), as GeoJSON positions. */
    static List<List<Double>> square(double lon, double lat, double d) {
        return List.of(List.of(lon, lat), List.of(lon + d, lat), List.of(lon + d, lat + d), List.of(lon, lat + d),
                List.of(lon, lat));
    }

    static Map<String, Object> polygon(List<?>... rings) {
        return Map.of("type", "Polygon", "coordinates", List.of(rings));
    }

    private static String rejection(Object geoJson) {
        try {
            ZoneGeometry.parse(geoJson, LIMITS);
        } catch (DomainException e) {
            assertThat(e.code()).isEqualTo("location.invalid_zone");
            return e.getMessage();
        }
        throw new AssertionError("accepted " + geoJson);
    }

    @Test
    void aPolygonWithAHoleIsParsedWithItsArea() {
        var parsed = ZoneGeometry.parse(polygon(square(126.97, 37.56, 0.01), square(126.973, 37.563, 0.002)), LIMITS);
        assertThat(parsed.geometry().getGeometryType()).isEqualTo("Polygon");
        assertThat(parsed.vertices()).isEqualTo(10);
        // 0.01° square at 37.56°N: ~1112 m × 881 m, minus the hole (1/25 of it).
        assertThat(parsed.areaM2()).isBetween(0.93e6, 0.95e6);
    }

    @Test
    void aMultiPolygonRoundTripsThroughGeoJson() {
        Map<String, Object> multi = Map.of("type", "MultiPolygon", "coordinates",
                List.of(List.of(square(126.97, 37.56, 0.001)), List.of(square(127.0, 37.5, 0.001))));
        var parsed = ZoneGeometry.parse(multi, LIMITS);
        assertThat(ZoneGeometry.polygons(parsed.geometry())).hasSize(2);
        Map<String, Object> back = ZoneGeometry.toGeoJson(parsed.geometry());
        assertThat(back).isEqualTo(multi);
        assertThat(ZoneGeometry.parse(back, LIMITS).geometry().equalsExact(parsed.geometry())).isTrue();
    }

    @Test
    void everyKindOfBadGeometryIsRefusedWithAnExplanation() {
        assertThat(rejection("nope")).contains("GeoJSON object");
        assertThat(rejection(Map.of("type", "Point", "coordinates", List.of(1, 2)))).contains("Polygon");
        assertThat(rejection(Map.of("type", "Feature", "geometry", Map.of()))).contains("Feature");
        assertThat(rejection(Map.of("type", "Polygon", "coordinates", "x"))).contains("array");
        assertThat(rejection(Map.of("type", "Polygon", "coordinates", List.of()))).contains("no rings");
        assertThat(rejection(polygon(List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(0.0, 0.0))))).contains("at least 4");
        assertThat(rejection(polygon(List.of(List.of(0.0, 0.0), List.of(0.01, 0.0), List.of(0.01, 0.01), List.of(0.0, 0.011)))))
                .contains("closed");
        assertThat(rejection(polygon(square(10, 91, 0.01)))).contains("latitude in [-90, 90]");
        assertThat(rejection(polygon(List.of(List.of("a", 1), List.of(1, 1), List.of(1, 2), List.of("a", 1))))).contains("numbers");
        // A bow tie crosses itself.
        assertThat(rejection(polygon(List.of(List.of(0.0, 0.0), List.of(0.01, 0.01), List.of(0.01, 0.0),
                List.of(0.0, 0.01), List.of(0.0, 0.0))))).contains("not valid");
        assertThat(rejection(polygon(square(126, 37, 1)))).contains("km²");
        assertThat(rejection(polygon(List.of(List.of(179.99, 0.0), List.of(-179.99, 0.0), List.of(-179.99, 0.01),
                List.of(179.99, 0.0))))).contains("antimeridian");
        var many = new ArrayList<List<Double>>();
        for (int i = 0; i < 1001; i++) {
            double a = 2 * Math.PI * i / 1001;
            many.add(List.of(126.97 + 0.01 * Math.cos(a), 37.56 + 0.01 * Math.sin(a)));
        }
        many.add(many.getFirst());
        assertThat(rejection(polygon(many))).contains("1000 positions");
    }
}
