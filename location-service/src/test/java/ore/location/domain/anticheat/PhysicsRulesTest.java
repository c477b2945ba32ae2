package ore.location.domain.anticheat;

import static ore.location.domain.anticheat.Fixes.LAT;
import static ore.location.domain.anticheat.Fixes.LON;
import static ore.location.domain.anticheat.Fixes.T0;
import static ore.location.domain.anticheat.Fixes.at;
import static ore.location.domain.anticheat.Fixes.move;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.Reason;
import org.junit.jupiter.api.Test;

/** One test per physics rule, each with the honest case that must not trigger it. */
class PhysicsRulesTest {

    final PhysicsRules rules = new PhysicsRules(AntiCheatPolicy.defaults());

    @Test
    void anHonestWalkIsClean() {
        List<Fix> walk = Fixes.walk(16, 1.4, 1000, 5);
        for (int i = 1; i < walk.size(); i++) {
            assertThat(rules.evaluate(walk.subList(0, i), walk.get(i))).as("fix %d", i).isEmpty();
        }
    }

    @Test
    void teleportIsAJumpNoPersonCouldMake() {
        Fix start = Fix.of(LAT, LON, 5, T0);
        Fix oneKmLater = at(move(LAT, LON, 1000, 90), 5, T0 + 10_000);  // 100 m/s
        assertThat(rules.evaluate(List.of(start), oneKmLater)).contains(Reason.TELEPORT);
        Fix sameJumpAnHourLater = at(move(LAT, LON, 1000, 90), 5, T0 + 3_600_000);
        assertThat(rules.evaluate(List.of(start), sameJumpAnHourLater)).isEmpty();
    }

    @Test
    void carSpeedIsSuspiciousNotRejected() {
        Fix start = Fix.of(LAT, LON, 5, T0);
        Fix driving = at(move(LAT, LON, 210, 0), 5, T0 + 10_000);  // 20 m/s after slack
        assertThat(rules.evaluate(List.of(start), driving)).containsExactly(Reason.TOO_FAST);
    }

    @Test
    void gpsNoiseWithinTheAccuracyRadiiIsNotMovement() {
        Fix start = Fix.of(LAT, LON, 40, T0);
        Fix noisy = at(move(LAT, LON, 70, 180), 40, T0 + 1000);  // 70 m in 1 s, but within 40 + 40 m
        assertThat(rules.evaluate(List.of(start), noisy)).isEmpty();
    }

    @Test
    void aHugeClaimedAccuracyCannotHideAJump() {
        Fix start = Fix.of(LAT, LON, 5000, T0);
        Fix jump = at(move(LAT, LON, 3000, 90), 5000, T0 + 10_000);
        assertThat(rules.evaluate(List.of(start), jump)).contains(Reason.TELEPORT);
    }

    @Test
    void suddenAccelerationIsSuspicious() {
        Fix a = Fix.of(LAT, LON, 3, T0);
        Fix b = at(move(LAT, LON, 7, 0), 3, T0 + 1000);          // standing (within slack)
        Fix c = at(move(b.lat(), b.lon(), 26, 0), 3, T0 + 2000);  // then 20 m/s one second later
        assertThat(rules.evaluate(List.of(a, b), c)).contains(Reason.ACCELERATION);
        Fix gentle = at(move(b.lat(), b.lon(), 9, 0), 3, T0 + 2000);
        assertThat(rules.evaluate(List.of(a, b), gentle)).doesNotContain(Reason.ACCELERATION);
    }

    @Test
    void accuracyBelowWhatPhonesAchieveIsImpossible() {
        assertThat(rules.evaluate(List.of(), Fix.of(LAT, LON, 0.5, T0))).containsExactly(Reason.IMPOSSIBLE_ACCURACY);
        assertThat(rules.evaluate(List.of(), Fix.of(LAT, LON, 3, T0))).isEmpty();
        assertThat(rules.evaluate(List.of(), Fix.of(LAT, LON, 900, T0))).containsExactly(Reason.LOW_ACCURACY);
    }

    @Test
    void theSameCoordinatesOverAndOverAreAMockLocation() {
        var recent = new ArrayList<Fix>();
        for (int i = 0; i < 4; i++) {
            recent.add(Fix.of(LAT, LON, 5, T0 + i * 1000L));
        }
        assertThat(rules.evaluate(recent, Fix.of(LAT, LON, 5, T0 + 4000))).contains(Reason.REPEATED_FIX);
        assertThat(rules.evaluate(recent.subList(0, 3), Fix.of(LAT, LON, 5, T0 + 3000))).doesNotContain(Reason.REPEATED_FIX);
        assertThat(rules.evaluate(recent, Fix.of(LAT + 1e-7, LON, 5, T0 + 4000))).doesNotContain(Reason.REPEATED_FIX);
    }

    @Test
    void syntheticJitterAroundAPointIsSuspicious() {
        // Independent random offsets of up to 15 m around one point, while claiming 3 m accuracy.
        var random = new Random(11);
        var fixes = new ArrayList<Fix>();
        for (int i = 0; i < 12; i++) {
            double[] p = move(LAT, LON, 5 + random.nextDouble() * 10, random.nextDouble() * 360);
            fixes.add(at(p, 3, T0 + i * 1000L));
        }
        assertThat(rules.evaluate(fixes.subList(0, 11), fixes.get(11))).contains(Reason.JITTER);
    }

    @Test
    void aZigZagBackAndForthIsJitter() {
        var fixes = new ArrayList<Fix>();
        for (int i = 0; i < 10; i++) {
            fixes.add(at(move(LAT, LON, i % 2 == 0 ? 0 : 12, 90), 4, T0 + i * 1000L));
        }
        assertThat(rules.evaluate(fixes.subList(0, 9), fixes.get(9))).contains(Reason.JITTER);
    }

    @Test
    void aRealStationaryPhoneDriftsSmoothlyAndIsNotJitter() {
        // A smoothed receiver at rest: a slow random walk, each step continuing the previous one.
        var random = new Random(3);
        var fixes = new ArrayList<Fix>();
        double[] p = {LAT, LON};
        double bearing = 0;
        for (int i = 0; i < 12; i++) {
            fixes.add(at(p, 8, T0 + i * 1000L));
            bearing += random.nextGaussian() * 40;
            p = move(p[0], p[1], 1 + random.nextDouble() * 2, bearing);
        }
        assertThat(rules.evaluate(fixes.subList(0, 11), fixes.get(11))).isEmpty();
    }

    @Test
    void perfectlySteadyMovementIsRobotic() {
        var fixes = new ArrayList<Fix>();
        double[] p = {LAT, LON};
        for (int i = 0; i < 10; i++) {
            fixes.add(at(p, 5, T0 + i * 2000L));
            p = move(p[0], p[1], 2.8, 30);  // exactly 1.4 m/s, forever
        }
        assertThat(rules.evaluate(fixes.subList(0, 9), fixes.get(9))).contains(Reason.ROBOTIC_MOTION);
        List<Fix> human = Fixes.walk(10, 2.8, 2000, 5);
        assertThat(rules.evaluate(human.subList(0, 9), human.get(9))).doesNotContain(Reason.ROBOTIC_MOTION);
    }

    @Test
    void impliedSpeedForgivesAccuracyAndFloorsTheTimeStep() {
        Fix a = Fix.of(LAT, LON, 5, T0);
        Fix b = at(move(LAT, LON, 110, 0), 5, T0 + 100);  // 0.1 s apart: counted as 1 s
        assertThat(rules.impliedSpeedMps(a, b)).isBetween(99.0, 101.0);
    }
}
