package ore.local.bots;

/**
 * The little geometry a walking player needs: great-circle distance and bearing (the same formulas
 * as location-service's GeoMath, so "40 m from the node" means the same thing on both sides), and a
 * step of a few metres in a direction.
 */
public final class Geo {

    public static final double EARTH_RADIUS_M = 6_371_008.8;
    public static final double METRES_PER_DEGREE = Math.PI * EARTH_RADIUS_M / 180.0;

    private Geo() {
    }

    /** A position in degrees. */
    public record Point(double lat, double lon) {
    }

    public static double distanceM(Point a, Point b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
    public static double bearingDeg(Point a, Point b) {
        double phi1 = Math.toRadians(a.lat());
        double phi2 = Math.toRadians(b.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double y = Math.sin(dLon) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
        return normalise(Math.toDegrees(Math.atan2(y, x)));
    }

    /** The point {@code metres} away from p in direction {@code bearingDeg} (flat earth: steps are small). */
    public static Point move(Point p, double bearingDeg, double metres) {
        double rad = Math.toRadians(bearingDeg);
        return offset(p, metres * Math.sin(rad), metres * Math.cos(rad));
    }

    /** p shifted by metres east and north. */
    public static Point offset(Point p, double eastM, double northM) {
        double lat = p.lat() + northM / METRES_PER_DEGREE;
        double lon = p.lon() + eastM / (METRES_PER_DEGREE * Math.cos(Math.toRadians(p.lat())));
        return new Point(lat, lon);
    }

    /** An angle in [0, 360). */
    public static double normalise(double deg) {
        double d = deg % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    /** The signed turn from one heading to another, in (-180, 180]. */
    public static double turn(double fromDeg, double toDeg) {
        double d = normalise(toDeg - fromDeg);
        return d > 180.0 ? d - 360.0 : d;
    }
}
