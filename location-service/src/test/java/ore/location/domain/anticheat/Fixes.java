package ore.location.domain.anticheat;

import java.util.ArrayList;
import java.util.List;
import ore.location.domain.fix.Fix;
import ore.location.domain.geo.GeoMath;

/** Builds tracks for rule tests: walks from a start point with given steps. */
final class Fixes {

    static final double LAT = 37.5665;
    static final double LON = 126.9780;
    static final long T0 = 1_767_225_600_000L;

    private Fixes() {
    }

    /** The point {@code metres} from (lat, lon) towards {@code bearingDeg}. */
    static double[] move(double lat, double lon, double metres, double bearingDeg) {
        double b = Math.toRadians(bearingDeg);
        double dLat = metres * Math.cos(b) / GeoMath.METRES_PER_DEGREE;
        double dLon = metres * Math.sin(b) / (GeoMath.METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        return new double[] {lat + dLat, lon + dLon};
    }

    /** A straight walk: {@code n} fixes, {@code stepM} apart each {@code dtMs}, with a little speed noise. */
    static List<Fix> walk(int n, double stepM, long dtMs, double accuracyM) {
        var fixes = new ArrayList<Fix>();
        double lat = LAT;
        double lon = LON;
        var random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            fixes.add(Fix.of(lat, lon, accuracyM, T0 + i * dtMs));
            double[] next = move(lat, lon, stepM * (0.8 + 0.4 * random.nextDouble()), 45 + random.nextGaussian() * 5);
            lat = next[0];
            lon = next[1];
        }
        return fixes;
    }

    static Fix at(double[] latLon, double accuracyM, long ts) {
        return Fix.of(latLon[0], latLon[1], accuracyM, ts);
    }
}
