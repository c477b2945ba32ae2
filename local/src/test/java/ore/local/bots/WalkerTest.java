package ore.local.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WalkerTest {

    private static final Geo.Point SEOUL = new Geo.Point(37.5665, 126.9780);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void walksAtAWalkingPaceWithSmoothTurns(long seed) {
        Walker walker = Walker.randomStart(SEOUL, 2000, new SplittableRandom(seed));
        Geo.Point before = walker.position();
        double heading = walker.headingDeg();
        for (int s = 0; s < 3600; s++) {
            walker.advance(1.0);
            double moved = Geo.distanceM(before, walker.position());
            assertThat(walker.speedMps()).as("second %d", s).isBetween(Walker.MIN_WALK_MPS, Walker.MAX_WALK_MPS);
            // What the step covered is what the speed says (the flat-earth step against the great circle).
            assertThat(moved).isCloseTo(walker.speedMps(), org.assertj.core.data.Offset.offset(0.01));
            assertThat(Math.abs(Geo.turn(heading, walker.headingDeg()))).as("turn at second %d", s)
                    .isLessThanOrEqualTo(Walker.MAX_TURN_DEG_PER_S + 1e-9);
            before = walker.position();
            heading = walker.headingDeg();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9, 10})
    void staysInTheArea(long seed) {
        Walker walker = Walker.randomStart(SEOUL, 2000, new SplittableRandom(seed));
        assertThat(Geo.distanceM(SEOUL, walker.position())).isLessThanOrEqualTo(2000);
        double farthest = 0;
        for (int s = 0; s < 6 * 3600; s++) {
            walker.advance(1.0);
            farthest = Math.max(farthest, Geo.distanceM(SEOUL, walker.position()));
        }
        // Outside the circle it turns back at once; at most a U-turn's worth (a few metres) beyond.
        assertThat(farthest).isLessThan(2000 + 25);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void startsSpreadOverTheArea(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> distances = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            distances.add(Geo.distanceM(SEOUL, Walker.randomStart(SEOUL, 2000, random).position()));
        }
        assertThat(distances).allMatch(d -> d <= 2000);
        // Uniform over the disc: about a quarter within half the radius.
        long inner = distances.stream().filter(d -> d <= 1000).count();
        assertThat(inner).isBetween(60L, 140L);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void reachesATargetAndStandsThere(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Walker walker = new Walker(SEOUL, 2000, SEOUL, random);
        Geo.Point node = Geo.move(SEOUL, random.nextDouble() * 360, 300);
        walker.walkTo(node, 8);
        int seconds = 0;
        while (!walker.arrived() && seconds < 600) {
            walker.advance(1.0);
            seconds++;
        }
        assertThat(walker.arrived()).isTrue();
        // 300 m at 1.2–1.6 m/s, plus turning towards it first.
        assertThat(seconds).isBetween(180, 280);
        Geo.Point there = walker.position();
        walker.advance(30);
        assertThat(walker.position()).isEqualTo(there);
        assertThat(walker.speedMps()).isZero();
        assertThat(Geo.distanceM(there, node)).isLessThanOrEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32})
    void honestFixesPassThePhysicsRules(long seed) {
        // What location-service checks fix to fix: implied speed (accuracy forgiven) far below
        // 15 m/s, never 5 identical positions, no steps of "jitter" size (over 8 segments on average
        // more than 1.5 x the claimed accuracy), accuracy 5-15 m, reported speed and heading in range.
        SplittableRandom random = new SplittableRandom(seed);
        Walker walker = Walker.randomStart(SEOUL, 2000, random);
        GpsNoise gps = new GpsNoise(random);
        Fix previous = null;
        long ts = 1_767_225_600_000L;
        java.util.ArrayDeque<double[]> window = new java.util.ArrayDeque<>();
        int withinAccuracy = 0;
        int n = 1800;
        for (int s = 0; s < n; s++) {
            if (s == n / 2) {
                walker.walkTo(walker.position(), 10); // stands still for the second half
            }
            walker.advance(1.0);
            Fix fix = gps.sample(walker.position(), walker.speedMps(), walker.headingDeg(), ts += 1000);
            assertThat(fix.accuracyM()).isBetween(GpsNoise.MIN_ACCURACY_M, GpsNoise.MAX_ACCURACY_M);
            double error = Geo.distanceM(fix.point(), walker.position());
            assertThat(error).isLessThan(3 * fix.accuracyM());
            withinAccuracy += error <= fix.accuracyM() ? 1 : 0;
            assertThat(fix.speedMps()).isBetween(0.0, 3.0);
            if (fix.headingDeg() != null) {
                assertThat(fix.headingDeg()).isGreaterThanOrEqualTo(0.0).isLessThan(360.0);
            }
            if (previous != null) {
                double d = Geo.distanceM(previous.point(), fix.point());
                assertThat(Math.max(0, d - previous.accuracyM() - fix.accuracyM())).isLessThan(15.0);
                assertThat(fix.point()).isNotEqualTo(previous.point());
                window.addLast(new double[] {d, fix.accuracyM()});
                if (window.size() > 8) {
                    window.removeFirst();
                }
                if (window.size() == 8) {
                    double steps = window.stream().mapToDouble(w -> w[0]).average().orElseThrow();
                    double accuracy = window.stream().mapToDouble(w -> w[1]).average().orElseThrow();
                    assertThat(steps).isLessThan(1.5 * accuracy);
                }
            }
            previous = fix;
        }
        // The accuracy radius is a 68 % radius (as Android reports it); this receiver is better than that.
        assertThat(withinAccuracy).isGreaterThan((int) (0.68 * n));
    }
}
