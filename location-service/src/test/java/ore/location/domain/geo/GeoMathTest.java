package ore.location.domain.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoMathTest {

    @Test
    void distancesMatchKnownValues() {
        // Seoul City Hall to Gangnam station: about 8.8 km.
        assertThat(GeoMath.distanceM(37.5663, 126.9779, 37.4979, 127.0276)).isCloseTo(8_800, within(100.0));
        // One degree of latitude.
        assertThat(GeoMath.distanceM(0, 0, 1, 0)).isCloseTo(111_195, within(5.0));
        assertThat(GeoMath.distanceM(10, 10, 10, 10)).isZero();
        // Across the antimeridian the short way.
        assertThat(GeoMath.distanceM(0, 179.9995, 0, -179.9995)).isCloseTo(111.2, within(1.0));
    }

    @Test
    void bearingsAndTheirChanges() {
        assertThat(GeoMath.bearingDeg(0, 0, 1, 0)).isCloseTo(0, within(1e-9));
        assertThat(GeoMath.bearingDeg(0, 0, 0, 1)).isCloseTo(90, within(1e-9));
        assertThat(GeoMath.bearingDeg(0, 0, -1, 0)).isCloseTo(180, within(1e-9));
        assertThat(GeoMath.bearingDeg(0, 0, 0, -1)).isCloseTo(270, within(1e-9));
        assertThat(GeoMath.bearingChangeDeg(350, 10)).isEqualTo(20);
        assertThat(GeoMath.bearingChangeDeg(90, 270)).isEqualTo(180);
    }

    @Test
    void roundingAndItsWorstCaseError() {
        assertThat(GeoMath.round(37.56654, 3)).isEqualTo(37.567);
        assertThat(GeoMath.round(-126.97849, 3)).isEqualTo(-126.978);
        assertThat(GeoMath.roundingErrorM(3)).isCloseTo(78.6, within(0.5));
    }
}
