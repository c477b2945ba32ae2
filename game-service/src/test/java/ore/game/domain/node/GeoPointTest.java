package ore.game.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ore.core.error.DomainException;
import org.junit.jupiter.api.Test;

class GeoPointTest {

    @Test
    void distancesAreGreatCircle() {
        var seoulCityHall = new GeoPoint(37.5665, 126.9780);
        var busan = new GeoPoint(35.1796, 129.0756);
        assertThat(seoulCityHall.distanceM(busan)).isCloseTo(325_000, within(3_000.0));
        // 0.0001° of latitude is about 11.1 m.
        assertThat(seoulCityHall.distanceM(new GeoPoint(37.5666, 126.9780))).isCloseTo(11.12, within(0.05));
        assertThat(seoulCityHall.distanceM(seoulCityHall)).isZero();
    }

    @Test
    void outOfRangeAndNonFiniteCoordinatesAreBadInput() {
        for (double[] bad : new double[][] {{91, 0}, {-91, 0}, {0, 181}, {0, -181}, {Double.NaN, 0}, {0, Double.POSITIVE_INFINITY}}) {
            assertThatThrownBy(() -> new GeoPoint(bad[0], bad[1])).isInstanceOf(DomainException.class)
                    .hasFieldOrPropertyWithValue("code", "game.invalid_position");
        }
    }
}
