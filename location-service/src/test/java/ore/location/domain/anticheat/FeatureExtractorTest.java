package ore.location.domain.anticheat;

import static ore.location.domain.anticheat.FeatureExtractor.ACCEL_MPS2;
import static ore.location.domain.anticheat.FeatureExtractor.ACCURACY_M;
import static ore.location.domain.anticheat.FeatureExtractor.BEARING_CHANGE_DEG;
import static ore.location.domain.anticheat.FeatureExtractor.DISTANCE_M;
import static ore.location.domain.anticheat.FeatureExtractor.DT_S;
import static ore.location.domain.anticheat.FeatureExtractor.FEATURES;
import static ore.location.domain.anticheat.FeatureExtractor.MASK;
import static ore.location.domain.anticheat.FeatureExtractor.REPORTED_SPEED_MPS;
import static ore.location.domain.anticheat.FeatureExtractor.SPEED_MPS;
import static ore.location.domain.anticheat.FeatureExtractor.WINDOW;
import static ore.location.domain.anticheat.Fixes.LAT;
import static ore.location.domain.anticheat.Fixes.LON;
import static ore.location.domain.anticheat.Fixes.T0;
import static ore.location.domain.anticheat.Fixes.at;
import static ore.location.domain.anticheat.Fixes.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import ore.location.domain.fix.Fix;
import org.junit.jupiter.api.Test;

/** The tensor layout is a contract with the model: these tests pin it. */
class FeatureExtractorTest {

    private static float value(float[] f, int row, int feature) {
        return f[row * FEATURES + feature];
    }

    @Test
    void shapeIsWindowTimesFeatures() {
        assertThat(WINDOW).isEqualTo(16);
        assertThat(FEATURES).isEqualTo(8);
        assertThat(FeatureExtractor.extract(List.of(Fix.of(LAT, LON, 5, T0)))).hasSize(16 * 8);
    }

    @Test
    void shortWindowsAreLeftPaddedWithMaskedZeroRows() {
        Fix a = Fix.of(LAT, LON, 5, T0);
        Fix b = at(move(LAT, LON, 10, 90), 6, T0 + 2000);
        float[] f = FeatureExtractor.extract(List.of(a, b));
        for (int row = 0; row < WINDOW - 2; row++) {
            for (int k = 0; k < FEATURES; k++) {
                assertThat(value(f, row, k)).as("padding row %d feature %d", row, k).isZero();
            }
        }
        assertThat(value(f, 14, MASK)).isEqualTo(1f);
        assertThat(value(f, 15, MASK)).isEqualTo(1f);
    }

    @Test
    void theNewestFixIsTheLastRowWithItsMotionFeatures() {
        Fix a = Fix.of(LAT, LON, 5, T0);
        Fix b = at(move(LAT, LON, 10, 90), 6, T0 + 2000);
        Fix c = new Fix(move(b.lat(), b.lon(), 30, 180)[0], move(b.lat(), b.lon(), 30, 180)[1], 7, T0 + 4000, 14.5, 180);
        float[] f = FeatureExtractor.extract(List.of(a, b, c));

        // Row 13: the first real fix, no predecessor.
        assertThat(value(f, 13, DT_S)).isZero();
        assertThat(value(f, 13, DISTANCE_M)).isZero();
        assertThat(value(f, 13, ACCURACY_M)).isEqualTo(5f);
        assertThat(value(f, 13, REPORTED_SPEED_MPS)).isEqualTo(-1f);
        // Row 14: 10 m east in 2 s.
        assertThat(value(f, 14, DT_S)).isEqualTo(2f);
        assertThat(value(f, 14, DISTANCE_M)).isCloseTo(10f, within(0.01f));
        assertThat(value(f, 14, SPEED_MPS)).isCloseTo(5f, within(0.01f));
        assertThat(value(f, 14, ACCEL_MPS2)).isZero();
        assertThat(value(f, 14, BEARING_CHANGE_DEG)).isZero();
        // Row 15: 30 m south in 2 s: 15 m/s, +5 m/s², a right-angle turn, reported speed passed through.
        assertThat(value(f, 15, SPEED_MPS)).isCloseTo(15f, within(0.02f));
        assertThat(value(f, 15, ACCEL_MPS2)).isCloseTo(5f, within(0.02f));
        assertThat(value(f, 15, BEARING_CHANGE_DEG)).isCloseTo(90f, within(0.1f));
        assertThat(value(f, 15, ACCURACY_M)).isEqualTo(7f);
        assertThat(value(f, 15, REPORTED_SPEED_MPS)).isEqualTo(14.5f);
        assertThat(value(f, 15, MASK)).isEqualTo(1f);
    }

    @Test
    void longerInputsKeepTheNewestSixteen() {
        List<Fix> walk = Fixes.walk(20, 1.4, 1000, 5);
        float[] all = FeatureExtractor.extract(walk);
        float[] last16 = FeatureExtractor.extract(walk.subList(4, 20));
        assertThat(all).containsExactly(last16);
        for (int row = 0; row < WINDOW; row++) {
            assertThat(value(all, row, MASK)).isEqualTo(1f);
        }
    }

    @Test
    void playerWindowHoldsOneToSixteenFixes() {
        UUID player = UUID.randomUUID();
        assertThatThrownBy(() -> new PlayerWindow(player, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlayerWindow(player, Fixes.walk(17, 1, 1000, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        var window = new PlayerWindow(player, Fixes.walk(3, 1, 1000, 5));
        assertThat(window.features()).hasSize(WINDOW * FEATURES);
        assertThat(window.judged()).isEqualTo(window.fixes().get(2));
    }
}
