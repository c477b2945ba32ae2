package ore.game.domain.node;

import ore.game.domain.GameErrors;

/** A WGS 84 position in degrees. */
public record GeoPoint(double lat, double lon) {

    /** Mean Earth radius (IUGG), the one H3 uses for its distances too. */
    static final double EARTH_RADIUS_M = 6_371_007.180918475;

    public GeoPoint {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw GameErrors.invalidPosition("lat must be a number from -90 to 90.");
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw GameErrors.invalidPosition("lon must be a number from -180 to 180.");
        }
    }

    /** Great-circle (haversine) distance in metres; accurate to well under a metre at game distances. */
    public double distanceM(GeoPoint other) {
        double phi1 = Math.toRadians(lat);
        double phi2 = Math.toRadians(other.lat);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.lon - lon);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
