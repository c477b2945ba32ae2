package ore.location.domain.zone;

import static ore.location.domain.zone.ZoneGeometryTest.polygon;
import static ore.location.domain.zone.ZoneGeometryTest.square;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import ore.location.domain.geo.HexGrid;
import org.junit.jupiter.api.Test;

class ZoneIndexTest {

    static final HexGrid GRID = HexGrid.load();

    static ZoneIndex.Covered covered(Object geoJson) {
        var parsed = ZoneGeometry.parse(geoJson, ZoneLimits.defaults());
        var cells = new LinkedHashSet<Long>();
        ZoneGeometry.polygons(parsed.geometry()).forEach(p -> cells.addAll(GRID.coverPolygon(p, ZoneIndex.RESOLUTION)));
        var zone = new NoPlayZone(UUID.randomUUID(), "z", parsed.geometry(), parsed.areaM2(), Instant.EPOCH, "admin");
        return new ZoneIndex.Covered(zone, cells.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void pointsInsideOutsideAndInAHole() {
        var zone = covered(polygon(square(126.97, 37.56, 0.01), square(126.973, 37.563, 0.002)));
        var index = ZoneIndex.of(GRID, List.of(zone));
        assertThat(index.contains(37.561, 126.971)).isTrue();
        assertThat(index.zonesAt(37.561, 126.971)).containsExactly(zone.zone().id());
        assertThat(index.contains(37.564, 126.974)).as("in the hole").isFalse();
        assertThat(index.contains(37.5599, 126.971)).as("just south of it").isFalse();
        assertThat(index.contains(37.56, 126.975)).as("on the boundary").isTrue();
        assertThat(index.contains(-33.86, 151.21)).isFalse();
    }

    @Test
    void aTinyZoneIsFoundAndTheEmptyIndexFindsNothing() {
        var tiny = covered(polygon(square(126.97, 37.56, 0.0001)));
        var index = ZoneIndex.of(GRID, List.of(tiny));
        assertThat(index.contains(37.56005, 126.97005)).isTrue();
        assertThat(index.contains(37.5602, 126.97005)).isFalse();
        assertThat(ZoneIndex.EMPTY.contains(37.56005, 126.97005)).isFalse();
    }
}
