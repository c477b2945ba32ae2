package ore.local.bots;

import java.util.random.RandomGenerator;

/**
 * What a phone's receiver adds to the true position: an error of a few metres that wanders slowly
 * (first-order autoregressive, so successive fixes are correlated like a filtered real track, never
 * independent jumps), and an accuracy radius between 5 and 15 m that drifts too. Like an honest
 * receiver's (Android reports a 68 % radius), the error is mostly inside the claimed radius.
 */
public final class GpsNoise {

    public static final double MIN_ACCURACY_M = 5.0;
    public static final double MAX_ACCURACY_M = 15.0;
    /** Standard deviation of the error per axis, metres. */
    static final double SIGMA_M = 2.5;
    /** Correlation of the error from one second to the next. */
    static final double CORRELATION = 0.85;

    private final RandomGenerator random;
    private final double typicalAccuracyM;
    private double eastM;
    private double northM;
    private double accuracyM;

    public GpsNoise(RandomGenerator random) {
        this.random = random;
        this.typicalAccuracyM = 6.0 + random.nextDouble() * 6.0;
        this.accuracyM = typicalAccuracyM;
        this.eastM = random.nextGaussian() * SIGMA_M;
        this.northM = random.nextGaussian() * SIGMA_M;
    }

    /** The fix the phone reports at {@code tsMillis} for a walker at {@code truth}, one second after the last. */
    public Fix sample(Geo.Point truth, double speedMps, double headingDeg, long tsMillis) {
        double keep = CORRELATION;
        double fresh = Math.sqrt(1 - keep * keep) * SIGMA_M;
        eastM = keep * eastM + fresh * random.nextGaussian();
        northM = keep * northM + fresh * random.nextGaussian();
        accuracyM += 0.2 * (typicalAccuracyM - accuracyM) + random.nextGaussian() * 0.6;
        accuracyM = Math.max(MIN_ACCURACY_M, Math.min(MAX_ACCURACY_M, accuracyM));
        Geo.Point reported = Geo.offset(truth, eastM, northM);
        double speed = Math.max(0.0, speedMps + random.nextGaussian() * 0.1);
        Double heading = null;
        if (speedMps > 0.5) {
            // Rounded as it is sent (one decimal), so 359.97 does not become an invalid 360.0.
            double h = Math.round(Geo.normalise(headingDeg + random.nextGaussian() * 3.0) * 10) / 10.0;
            heading = h >= 360.0 ? 0.0 : h;
        }
        return new Fix(reported.lat(), reported.lon(), Math.round(accuracyM * 10) / 10.0, tsMillis,
                speedMps == 0 ? 0.0 : speed, heading);
    }
}
