package ore.location.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ore.location.domain.fix.Fix;

/**
 * The anti-cheat test corpus: trajectories generated from fixed seeds, so every run judges the same
 * fixes. Honest players walk, cycle and drive with realistic GPS behaviour; spoofers use the patterns
 * seen in the wild. Timestamps start at 0 ms, one fix a second (with occasional gaps); shift them
 * with {@link Trajectory#endingAt} before sending.
 *
 * <p>GPS noise: the reported accuracy is the radius holding the true position with about 68 %
 * probability (Android's and iOS's definition), so the error per axis has σ = accuracy / 1.51. The
 * error is correlated in time (first-order Gauss–Markov, τ = 20 s), as a receiver's filtered error
 * is: it drifts, it does not jump independently every second. Accuracy itself wanders between 3 and
 * 15 m, with occasional degraded stretches (20–35 m) under trees or between buildings.
 *
 * <p>Every spoofer first reports a real history at home (30 s, the device lying on a table), then
 * switches to the fake positions; the device never moves. Patterns:
 * <ul>
 *   <li>{@code chained_jumps}: steps of 60–120 m a second apart, each claiming 40–60 m accuracy, so
 *       each step is "within noise" of the previous one;</li>
 *   <li>{@code teleport_then_walk}: one jump of 5–30 km, then a realistic walk (with noise) there;</li>
 *   <li>{@code replayed_trace}: an honest walk recorded 3–10 km away yesterday, replayed bit for bit
 *       with its timestamps shifted to now;</li>
 *   <li>{@code mock_repeated}: a mock-location app holding one coordinate 1–5 km away;</li>
 *   <li>{@code robotic_straight}: a scripted route from home in a perfectly straight line at a
 *       constant 1.4, 4 or 8 m/s, no noise.</li>
 * </ul>
 */
public final class SpoofingCorpus {

    public static final List<String> HONEST = List.of("honest_walking", "honest_cycling", "honest_driving");
    public static final List<String> SPOOFERS = List.of("chained_jumps", "teleport_then_walk", "replayed_trace",
            "mock_repeated", "robotic_straight");
    private static final double M_PER_DEG = 111_195.0;
    private static final int HOME_FIXES = 30;

    private SpoofingCorpus() {
    }

    /** {@code perPattern} trajectories of every pattern, honest ones first. */
    public static List<Trajectory> generate(int perPattern, long seed) {
        var all = new ArrayList<Trajectory>();
        Random random = new Random(seed);
        for (String pattern : HONEST) {
            for (int i = 0; i < perPattern; i++) {
                all.add(honest(pattern, new Random(random.nextLong()), i));
            }
        }
        for (String pattern : SPOOFERS) {
            for (int i = 0; i < perPattern; i++) {
                all.add(spoofer(pattern, new Random(random.nextLong()), i));
            }
        }
        return all;
    }

    // ---- honest movement ------------------------------------------------------------------------

    private static Trajectory honest(String pattern, Random r, int variant) {
        double[] start = place(r);
        var b = new Builder(r, start);
        switch (pattern) {
            case "honest_walking" -> walk(b, 240, 1.3);
            case "honest_cycling" -> cycle(b, 240);
            case "honest_driving" -> drive(b, 300);
            default -> throw new IllegalArgumentException(pattern);
        }
        return new Trajectory(pattern, false, b.fixes, b.truth, b.fixes.size());
    }

    /** Walking at about {@code speed} m/s with drifting heading, turns and short stops. */
    static void walk(Builder b, int seconds, double speed) {
        double heading = b.r.nextDouble() * 360;
        int stopped = 0;
        for (int t = 0; t < seconds; t++) {
            if (stopped > 0) {
                stopped--;
            } else if (b.r.nextDouble() < 0.01) {
                stopped = 5 + b.r.nextInt(15);
            } else {
                heading += b.r.nextGaussian() * 6 + (b.r.nextDouble() < 0.01 ? 90 * (b.r.nextBoolean() ? 1 : -1) : 0);
                b.move(Math.max(0.3, speed + b.r.nextGaussian() * 0.15), heading);
            }
            b.tick();
        }
    }

    private static void cycle(Builder b, int seconds) {
        double heading = b.r.nextDouble() * 360;
        double v = 0;
        double target = 4 + b.r.nextDouble() * 3;
        for (int t = 0; t < seconds; t++) {
            if (b.r.nextDouble() < 0.02) {
                target = b.r.nextDouble() < 0.2 ? 0 : 3.5 + b.r.nextDouble() * 3.5;
            }
            v += Math.max(-1.5, Math.min(1.0, target - v));
            heading += b.r.nextGaussian() * 4 + (b.r.nextDouble() < 0.01 ? 90 * (b.r.nextBoolean() ? 1 : -1) : 0);
            b.move(Math.max(0, v), heading);
            b.tick();
        }
    }

    /** City and arterial driving: 8–20 m/s, stops at lights (2.5 m/s² braking, 2 m/s² pulling away), turns. */
    private static void drive(Builder b, int seconds) {
        double heading = b.r.nextDouble() * 360;
        double v = 0;
        double target = 8 + b.r.nextDouble() * 12;
        int waiting = 0;
        for (int t = 0; t < seconds; t++) {
            if (waiting > 0) {
                waiting--;
                target = waiting == 0 ? 8 + b.r.nextDouble() * 12 : 0;
            } else if (b.r.nextDouble() < 0.015) {
                target = 0;
                waiting = 10 + b.r.nextInt(25);
            } else if (b.r.nextDouble() < 0.03) {
                target = 8 + b.r.nextDouble() * 12;
            }
            v += Math.max(-2.5, Math.min(2.0, target - v));
            if (v > 2 && b.r.nextDouble() < 0.015) {
                heading += 90 * (b.r.nextBoolean() ? 1 : -1);   // a turn at a junction, over one second
            } else {
                heading += b.r.nextGaussian() * 1.5;
            }
            b.move(Math.max(0, v), heading);
            b.tick();
        }
    }

    // ---- spoofers ---------------------------------------------------------------------------------

    private static Trajectory spoofer(String pattern, Random r, int variant) {
        double[] home = place(r);
        var b = new Builder(r, home);
        for (int t = 0; t < HOME_FIXES; t++) {
            b.tick();     // the real device at home: noisy fixes around a fixed point
        }
        int cheatFrom = b.fixes.size();
        switch (pattern) {
            case "chained_jumps" -> {
                double bearing = r.nextDouble() * 360;
                double[] at = home.clone();
                for (int i = 0; i < 50; i++) {
                    at = offset(at, 60 + r.nextDouble() * 60, bearing + r.nextGaussian() * 10);
                    b.fake(at, 40 + r.nextDouble() * 20);
                }
            }
            case "teleport_then_walk" -> {
                var there = new Builder(r, offset(home, 5_000 + r.nextDouble() * 25_000, r.nextDouble() * 360));
                there.t = b.t;
                walk(there, 180, 1.3);
                b.fakeAll(there);
            }
            case "replayed_trace" -> {
                var recorded = new Builder(r, offset(home, 3_000 + r.nextDouble() * 7_000, r.nextDouble() * 360));
                recorded.t = b.t - 86_400_000L;   // yesterday
                walk(recorded, 180, 1.3);
                // Replayed bit for bit, one fix a second as recorded, stamped from now on.
                long shift = b.t + 1000 - recorded.fixes.getFirst().tsMillis();
                for (Fix f : recorded.fixes) {
                    b.fake(new double[] {f.lat(), f.lon()}, f.accuracyM(), f.tsMillis() + shift);
                }
            }
            case "mock_repeated" -> {
                double[] spot = offset(home, 1_000 + r.nextDouble() * 4_000, r.nextDouble() * 360);
                for (int i = 0; i < 120; i++) {
                    b.fake(spot, 5.0);
                }
            }
            case "robotic_straight" -> {
                double speed = new double[] {1.4, 4.0, 8.0}[variant % 3];
                double bearing = r.nextDouble() * 360;
                double[] at = home.clone();
                for (int i = 0; i < 240; i++) {
                    at = offset(at, speed, bearing);
                    b.fake(at, 5.0);
                }
            }
            default -> throw new IllegalArgumentException(pattern);
        }
        return new Trajectory(pattern, true, b.fixes, b.truth, cheatFrom);
    }

    // ---- geometry and noise -----------------------------------------------------------------------

    private static double[] place(Random r) {
        return new double[] {-50 + r.nextDouble() * 100, -170 + r.nextDouble() * 340};
    }

    static double[] offset(double[] from, double metres, double bearingDeg) {
        double b = Math.toRadians(bearingDeg);
        return new double[] {from[0] + metres * Math.cos(b) / M_PER_DEG,
                from[1] + metres * Math.sin(b) / (M_PER_DEG * Math.cos(Math.toRadians(from[0])))};
    }

    /** Accumulates a device's true path and its noisy reports, one second at a time. */
    static final class Builder {

        private static final double TAU_S = 20;
        final Random r;
        final List<Fix> fixes = new ArrayList<>();
        final List<double[]> truth = new ArrayList<>();
        double[] position;
        long t;
        private double accuracy;
        private int degraded;
        private double errNorth;
        private double errEast;

        Builder(Random r, double[] start) {
            this.r = r;
            this.position = start.clone();
            this.accuracy = 4 + r.nextDouble() * 6;
            double sigma = accuracy / 1.51;
            this.errNorth = r.nextGaussian() * sigma;
            this.errEast = r.nextGaussian() * sigma;
        }

        void move(double metres, double headingDeg) {
            position = offset(position, metres, headingDeg);
        }

        /** One second passes; the device reports a fix (unless this second's fix is lost). */
        void tick() {
            t += 1000;
            if (degraded > 0) {
                degraded--;
            } else if (r.nextDouble() < 0.01) {
                degraded = 5 + r.nextInt(10);
            }
            double target = degraded > 0 ? 20 + r.nextDouble() * 15 : Math.max(3, Math.min(15, accuracy + r.nextGaussian() * 0.5));
            accuracy += Math.max(-3, Math.min(3, target - accuracy));   // accuracy estimates change gradually
            double sigma = accuracy / 1.51;
            double a = Math.exp(-1 / TAU_S);
            double s = Math.sqrt(1 - a * a) * sigma;
            errNorth = a * errNorth + s * r.nextGaussian();
            errEast = a * errEast + s * r.nextGaussian();
            if (r.nextDouble() < 0.03) {
                return;   // no fix this second (urban canyon, background throttling)
            }
            double[] reported = offset(offset(position, errNorth, 0), errEast, 90);
            fixes.add(Fix.of(reported[0], reported[1], Math.round(accuracy * 10) / 10.0, t));
            truth.add(position.clone());
        }

        /** A fake fix one second after the last one; the device stays where it is. */
        void fake(double[] reported, double accuracyM) {
            t += 1000;
            fake(reported, accuracyM, t);
        }

        void fake(double[] reported, double accuracyM, long ts) {
            t = ts;
            fixes.add(Fix.of(reported[0], reported[1], accuracyM, ts));
            truth.add(position.clone());
        }

        /** Another builder's reports as fakes of this (stationary) device. */
        void fakeAll(Builder other) {
            for (Fix f : other.fixes) {
                fake(new double[] {f.lat(), f.lon()}, f.accuracyM(), f.tsMillis());
            }
        }
    }
}
