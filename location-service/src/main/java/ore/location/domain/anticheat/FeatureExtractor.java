package ore.location.domain.anticheat;

import java.util.List;
import ore.location.domain.fix.Fix;
import ore.location.domain.geo.GeoMath;

/**
 * Turns a window of fixes into the anti-cheat model's input tensor: FP32, shape
 * {@code [WINDOW, FEATURES]} per window (the Triton request adds the batch dimension:
 * {@code [N, 16, 8]}), row-major, one row per fix, oldest first, the fix being judged in the
 * <b>last</b> row. Shorter windows are left-padded with all-zero rows whose mask is 0.
 *
 * <p>Features of row t (fix t and the previous fix t−1 of the window; quantities that need a
 * previous fix or segment are 0 in the first real row):
 * <ol start="0">
 *   <li>{@link #DT_S} seconds since the previous fix</li>
 *   <li>{@link #DISTANCE_M} great-circle metres from the previous fix</li>
 *   <li>{@link #SPEED_MPS} distance / dt (0 when dt is 0)</li>
 *   <li>{@link #ACCEL_MPS2} (speed − previous row's speed) / dt, signed (0 when dt is 0)</li>
 *   <li>{@link #ACCURACY_M} reported accuracy radius</li>
 *   <li>{@link #BEARING_CHANGE_DEG} change of direction against the previous segment, [0, 180]
 *       (0 when either segment has zero length)</li>
 *   <li>{@link #REPORTED_SPEED_MPS} speed the device reported, −1 when it sent none</li>
 *   <li>{@link #MASK} 1 for a real fix, 0 for padding</li>
 * </ol>
 * Values are in natural units, not normalised: normalisation belongs to the model, so it can change
 * without a release of this service. The layout is a contract with the model; changing it needs a
 * new model version.
 */
public final class FeatureExtractor {

    public static final int WINDOW = 16;
    public static final int FEATURES = 8;

    public static final int DT_S = 0;
    public static final int DISTANCE_M = 1;
    public static final int SPEED_MPS = 2;
    public static final int ACCEL_MPS2 = 3;
    public static final int ACCURACY_M = 4;
    public static final int BEARING_CHANGE_DEG = 5;
    public static final int REPORTED_SPEED_MPS = 6;
    public static final int MASK = 7;

    private FeatureExtractor() {
    }

    /** The features of the last {@link #WINDOW} fixes of {@code fixes} (oldest first), flattened row-major. */
    public static float[] extract(List<Fix> fixes) {
        float[] out = new float[WINDOW * FEATURES];
        int n = Math.min(fixes.size(), WINDOW);
        int first = fixes.size() - n;
        int pad = WINDOW - n;
        double previousSpeed = 0;
        double previousBearing = Double.NaN;
        for (int k = 0; k < n; k++) {
            Fix fix = fixes.get(first + k);
            int row = (pad + k) * FEATURES;
            out[row + ACCURACY_M] = (float) fix.accuracyM();
            out[row + REPORTED_SPEED_MPS] = fix.hasSpeed() ? (float) fix.speedMps() : -1f;
            out[row + MASK] = 1f;
            if (k == 0) {
                continue;
            }
            Fix prev = fixes.get(first + k - 1);
            double dt = (fix.tsMillis() - prev.tsMillis()) / 1000.0;
            double distance = GeoMath.distanceM(prev.lat(), prev.lon(), fix.lat(), fix.lon());
            double speed = dt > 0 ? distance / dt : 0;
            out[row + DT_S] = (float) dt;
            out[row + DISTANCE_M] = (float) distance;
            out[row + SPEED_MPS] = (float) speed;
            out[row + ACCEL_MPS2] = k >= 2 && dt > 0 ? (float) ((speed - previousSpeed) / dt) : 0f;
            double bearing = distance > 0 ? GeoMath.bearingDeg(prev.lat(), prev.lon(), fix.lat(), fix.lon()) : Double.NaN;
            out[row + BEARING_CHANGE_DEG] = Double.isNaN(bearing) || Double.isNaN(previousBearing)
                    ? 0f : (float) GeoMath.bearingChangeDeg(previousBearing, bearing);
            previousSpeed = speed;
            previousBearing = bearing;
        }
        return out;
    }
}
