package ore.realtime.domain;

/**
 * Which {@code cell:<h3>} channels a player may subscribe to: resolution-9 cells within
 * {@code maxRings} grid rings of the player's last trusted cell (as location-service knows it).
 * A player without a trusted position may subscribe to no cell channel.
 */
public record CellAccess(CellGrid grid, int maxRings) {

    public static final int RESOLUTION = 9;

    public CellAccess {
        if (maxRings < 0 || maxRings > 10) {
            throw new IllegalArgumentException("maxRings must be within 0..10");
        }
    }

    public boolean allows(String lastTrustedCell, String requested) {
        if (lastTrustedCell == null || !grid.isCell(requested, RESOLUTION) || !grid.isCell(lastTrustedCell, RESOLUTION)) {
            return false;
        }
        int distance = grid.distance(lastTrustedCell, requested);
        return distance >= 0 && distance <= maxRings;
    }
}
