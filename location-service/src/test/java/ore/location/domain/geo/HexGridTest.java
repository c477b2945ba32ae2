package ore.location.domain.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class HexGridTest {

    static final HexGrid GRID = HexGrid.load();

    @Test
    void cellsAndAddressesRoundTrip() {
        long cell = GRID.cell(37.5665, 126.978, 9);
        assertThat(GRID.address(cell)).hasSize(15).startsWith("89");
        assertThat(GRID.parse(GRID.address(cell))).isEqualTo(cell);
    }

    @Test
    void aCircleCoveringContainsTheCellOfEveryPointInTheCircle() {
        for (double[] centre : new double[][] {{37.5665, 126.978}, {-33.86, 151.21}, {64.1, -21.9}, {0.0001, 179.9995},
                {89.5, 10}}) {
            for (double radius : new double[] {50, 1000, 1079}) {
                var cells = new HashSet<>(GRID.coverCircle(centre[0], centre[1], radius, 7));
                for (int i = 0; i < 360; i += 5) {
                    for (double f : new double[] {0.3, 0.7, 1.0}) {
                        double b = Math.toRadians(i);
                        double lat = centre[0] + f * radius * Math.cos(b) / GeoMath.METRES_PER_DEGREE;
                        double lon = centre[1] + f * radius * Math.sin(b)
                                / (GeoMath.METRES_PER_DEGREE * Math.cos(Math.toRadians(centre[0])));
                        lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
                        assertThat(cells).as("centre %s radius %s bearing %s", List.of(centre[0], centre[1]), radius, i)
                                .contains(GRID.cell(Math.min(90, lat), lon, 7));
                    }
                }
            }
        }
    }

    @Test
    void aPolygonSmallerThanACellIsStillCovered() {
        var factory = new GeometryFactory();
        double lat = 37.5665;
        double lon = 126.978;
        double d = 0.0002; // ~20 m square
        var square = factory.createPolygon(new Coordinate[] {new Coordinate(lon, lat), new Coordinate(lon + d, lat),
                new Coordinate(lon + d, lat + d), new Coordinate(lon, lat + d), new Coordinate(lon, lat)});
        List<Long> cells = GRID.coverPolygon(square, 9);
        assertThat(cells).contains(GRID.cell(lat + d / 2, lon + d / 2, 9), GRID.cell(lat, lon, 9),
                GRID.cell(lat + d, lon + d, 9));
    }
}
