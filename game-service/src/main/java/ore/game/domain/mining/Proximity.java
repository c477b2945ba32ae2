package ore.game.domain.mining;

/**
 * What location-service says about a player and a point: whether it has a trusted position for the
 * player at all, how far that position is from the point, whether that is within the distance asked
 * for, how old the position is, and whether the player stands in a no-play zone.
 */
public record Proximity(boolean known, double distanceM, boolean withinDistance, long fixAgeMs,
                        boolean inNoPlayZone) {

    public static Proximity unknown() {
        return new Proximity(false, Double.NaN, false, Long.MAX_VALUE, false);
    }
}
