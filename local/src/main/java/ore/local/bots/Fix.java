package ore.local.bots;

import java.util.List;
import ore.client.location.model.LocationDtosFixIn;
import ore.client.location.model.LocationDtosUpdateRequest;
import java.util.Locale;

/**
 * One location fix as the phone reports it (location-service's update format): position, accuracy
 * radius in metres, device time in epoch milliseconds, and the speed and heading the receiver
 * reported (heading only while moving, as phones do).
 */
public record Fix(double lat, double lon, double accuracyM, long tsMillis, double speedMps, Double headingDeg) {

    public Geo.Point point() {
        return new Geo.Point(lat, lon);
    }

    /** {@code {"lat":..,"lon":..,"accuracy":..,"ts":..,"speed":..[,"heading":..]}} with 7 decimals (≈ 1 cm). */
    public String toJson() {
        String json = String.format(Locale.ROOT, "{\"lat\":%.7f,\"lon\":%.7f,\"accuracy\":%.1f,\"ts\":%d,\"speed\":%.2f",
                lat, lon, accuracyM, tsMillis, speedMps);
        return headingDeg == null ? json + "}" : json + String.format(Locale.ROOT, ",\"heading\":%.1f}", headingDeg);
    }

    /** The body of {@code POST /api/location/updates}, oldest fix first. */
    public static LocationDtosUpdateRequest request(List<Fix> fixes) {
        LocationDtosUpdateRequest request = new LocationDtosUpdateRequest();
        for (Fix f : fixes) {
            request.addFixesItem(new LocationDtosFixIn().lat(f.lat()).lon(f.lon()).accuracy(f.accuracyM())
                    .ts(f.tsMillis()).speed(f.speedMps()).heading(f.headingDeg()));
        }
        return request;
    }
}
