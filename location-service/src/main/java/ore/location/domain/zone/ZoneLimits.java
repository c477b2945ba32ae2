package ore.location.domain.zone;

/**
 * What an administrator may create.
 *
 * @param maxVertices total positions over all rings
 * @param maxAreaM2   a zone is a place, not a country: larger areas are refused
 * @param maxNameLength characters in the name
 */
public record ZoneLimits(int maxVertices, double maxAreaM2, int maxNameLength) {

    public static ZoneLimits defaults() {
        return new ZoneLimits(1000, 50_000_000, 120);
    }
}
