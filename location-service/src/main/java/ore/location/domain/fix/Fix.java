package ore.location.domain.fix;

/**
 * One GPS fix as the device reported it.
 *
 * <p>Optional values are {@code NaN} when the device did not send them (cheaper than boxing on the
 * hot path, and {@code NaN} is never a valid reported value). Nothing is validated here: a fix is
 * what the client claimed, and {@code FixChecks} decides whether it is usable.
 *
 * @param lat        degrees, WGS 84
 * @param lon        degrees, WGS 84
 * @param accuracyM  horizontal accuracy radius reported by the device, metres
 * @param tsMillis   when the device measured the position, Unix epoch milliseconds
 * @param speedMps   speed reported by the device, metres per second, or {@code NaN}
 * @param headingDeg course over ground reported by the device, degrees clockwise from north, or {@code NaN}
 */
public record Fix(double lat, double lon, double accuracyM, long tsMillis, double speedMps, double headingDeg) {

    public static Fix of(double lat, double lon, double accuracyM, long tsMillis) {
        return new Fix(lat, lon, accuracyM, tsMillis, Double.NaN, Double.NaN);
    }

    public boolean hasSpeed() {
        return !Double.isNaN(speedMps);
    }

    public boolean hasHeading() {
        return !Double.isNaN(headingDeg);
    }

    /** Same position to the last bit: real receivers always jitter in the low digits. */
    public boolean samePositionAs(Fix other) {
        return Double.compare(lat, other.lat) == 0 && Double.compare(lon, other.lon) == 0;
    }

    @Override
    public String toString() {
        // Exact coordinates are personal data (docs/operations.md): never in logs or exception messages.
        return "Fix[ts=" + tsMillis + ", accuracyM=" + accuracyM + "]";
    }
}
