package ore.local.bots;

import java.util.random.RandomGenerator;

/**
 * Where a simulated player really is: a person walking at 1.2–1.6 m/s whose heading changes
 * smoothly (at most {@link #MAX_TURN_DEG_PER_S} a second), either wandering or heading for a target,
 * and standing still once within reach of it. The area is a circle: a walker outside it turns back
 * towards the centre, so a long run stays in the city it started in.
 *
 * <p>This is the true track; what the phone reports ({@link GpsNoise}) is this plus GPS error. Not
 * thread-safe: one bot, one walker.
 */
public final class Walker {

    public static final double MIN_WALK_MPS = 1.2;
    public static final double MAX_WALK_MPS = 1.6;
    /** Largest change of heading per second: a person rounding a corner, not a spinning top. */
    public static final double MAX_TURN_DEG_PER_S = 30.0;

    private final Geo.Point centre;
    private final double areaRadiusM;
    private final RandomGenerator random;
    /** This walker's usual pace; the actual speed drifts around it. */
    private final double pace;

    private Geo.Point position;
    private double headingDeg;
    private double speedMps;
    private double wanderHeadingDeg;
    private Geo.Point target;
    private double reachM;
    private double lastStepSpeedMps;

    public Walker(Geo.Point centre, double areaRadiusM, Geo.Point start, RandomGenerator random) {
        this.centre = centre;
        this.areaRadiusM = areaRadiusM;
        this.random = random;
        this.position = start;
        this.pace = MIN_WALK_MPS + 0.1 + random.nextDouble() * (MAX_WALK_MPS - MIN_WALK_MPS - 0.2);
        this.speedMps = pace;
        this.headingDeg = random.nextDouble() * 360.0;
        this.wanderHeadingDeg = headingDeg;
    }

    /** A walker at a uniformly random point of the area (a disc of {@code areaRadiusM} around centre). */
    public static Walker randomStart(Geo.Point centre, double areaRadiusM, RandomGenerator random) {
        double r = areaRadiusM * Math.sqrt(random.nextDouble());
        Geo.Point start = Geo.move(centre, random.nextDouble() * 360.0, r);
        return new Walker(centre, areaRadiusM, start, random);
    }

    /** Head for {@code target} and stop within {@code reachM} of it. */
    public void walkTo(Geo.Point target, double reachM) {
        this.target = target;
        this.reachM = reachM;
    }

    /** No destination: stroll about. */
    public void wander() {
        this.target = null;
        this.wanderHeadingDeg = headingDeg;
    }

    public boolean hasTarget() {
        return target != null;
    }

    /** True when there is a target and the walker stands within reach of it. */
    public boolean arrived() {
        return target != null && Geo.distanceM(position, target) <= reachM;
    }

    public Geo.Point position() {
        return position;
    }

    public Geo.Point centre() {
        return centre;
    }

    public double areaRadiusM() {
        return areaRadiusM;
    }

    public double headingDeg() {
        return headingDeg;
    }

    /** The speed of the last step: 0 standing, else within the walking bounds (less on the final metres). */
    public double speedMps() {
        return lastStepSpeedMps;
    }

    /** Advances the walker by {@code seconds}, in steps of at most one second. */
    public void advance(double seconds) {
        double left = seconds;
        while (left > 1e-9) {
            double h = Math.min(1.0, left);
            step(h);
            left -= h;
        }
    }

    private void step(double h) {
        if (arrived()) {
            lastStepSpeedMps = 0;
            return;
        }
        double desired;
        if (target != null) {
            desired = Geo.bearingDeg(position, target);
        } else {
            // A slow random walk of the intended direction: streets, curiosity.
            wanderHeadingDeg = Geo.normalise(wanderHeadingDeg + random.nextGaussian() * 12.0 * Math.sqrt(h));
            desired = wanderHeadingDeg;
        }
        if (Geo.distanceM(position, centre) > areaRadiusM) {
            desired = Geo.bearingDeg(position, centre);
            wanderHeadingDeg = desired;
        }
        double maxTurn = MAX_TURN_DEG_PER_S * h;
        double turn = Geo.turn(headingDeg, desired) + random.nextGaussian() * 2.0 * h;
        headingDeg = Geo.normalise(headingDeg + Math.max(-maxTurn, Math.min(maxTurn, turn)));

        // The pace drifts a little (traffic lights aside, nobody walks at one exact speed).
        speedMps += 0.3 * (pace - speedMps) * h + random.nextGaussian() * 0.06 * Math.sqrt(h);
        speedMps = Math.max(MIN_WALK_MPS, Math.min(MAX_WALK_MPS, speedMps));

        double metres = speedMps * h;
        if (target != null) {
            // Never overshoot: the last step ends inside the reach.
            double toGo = Geo.distanceM(position, target) - reachM * 0.5;
            metres = Math.min(metres, Math.max(0.0, toGo));
        }
        position = Geo.move(position, headingDeg, metres);
        lastStepSpeedMps = metres / h;
    }
}
