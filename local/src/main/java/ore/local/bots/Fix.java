package ore.local.bots;

import java.util.List;
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

    /** The body of {@code POST /api/location/updates}. */
    public static String batchJson(List<Fix> fixes) {
        StringBuilder sb = new StringBuilder("{\"fixes\":[");
        for (int i = 0; i < fixes.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(fixes.get(i).toJson());
        }
        return sb.append("]}").toString();
    }
}
