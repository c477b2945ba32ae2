package ore.location.domain.geo;

/**
 * Distances and bearings on the sphere (mean Earth radius). Haversine is accurate to about 0.5 %
 * against the WGS 84 ellipsoid, far below GPS error at the distances that matter here.
 */
public final class GeoMath {

    /** Mean Earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    /** Length of one degree of latitude, metres (spherical). */
    public static final double METRES_PER_DEGREE = Math.PI * EARTH_RADIUS_M / 180.0;

    private GeoMath() {
    }

    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = sq(Math.sin(dp / 2)) + Math.cos(p1) * Math.cos(p2) * sq(Math.sin(dl / 2));
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /** Initial bearing from point 1 to point 2, degrees clockwise from north in [0, 360). */
    public static double bearingDeg(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double y = Math.sin(dl) * Math.cos(p2);
        double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
        double deg = Math.toDegrees(Math.atan2(y, x));
        return deg < 0 ? deg + 360.0 : deg;
    }

    /** The smaller angle between two bearings, in [0, 180]. */
    public static double bearingChangeDeg(double from, double to) {
        double d = Math.abs(to - from) % 360.0;
        return d > 180.0 ? 360.0 - d : d;
    }

    /** Rounds a coordinate to {@code decimals} decimal places (3 ≈ 110 m of latitude). */
    public static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /**
     * The furthest a point can move when both its coordinates are rounded to {@code decimals}
     * places: half a unit in each axis, at most about 79 m for 3 decimals.
     */
    public static double roundingErrorM(int decimals) {
        return 0.5 * Math.pow(10, -decimals) * METRES_PER_DEGREE * Math.sqrt(2);
    }

    public static boolean validLat(double lat) {
        return Double.isFinite(lat) && lat >= -90.0 && lat <= 90.0;
    }

    public static boolean validLon(double lon) {
        return Double.isFinite(lon) && lon >= -180.0 && lon <= 180.0;
    }

    private static double sq(double x) {
        return x * x;
    }
}
