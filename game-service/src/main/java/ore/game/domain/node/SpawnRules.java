package ore.game.domain.node;

/**
 * How nodes spawn: the H3 resolution of the cells, the chance that a cell has a node in a given hour,
 * and the range of capacities (units of ore, uniform).
 */
public record SpawnRules(int resolution, double spawnProbability, int minCapacity, int maxCapacity) {

    public static final int RESOLUTION = 9;

    public SpawnRules {
        if (resolution < 0 || resolution > 15) {
            throw new IllegalArgumentException("resolution must be 0..15: " + resolution);
        }
        if (!(spawnProbability > 0 && spawnProbability <= 1)) {
            throw new IllegalArgumentException("spawn probability must be in (0, 1]: " + spawnProbability);
        }
        if (minCapacity < 1 || maxCapacity < minCapacity || maxCapacity > 1_000_000) {
            throw new IllegalArgumentException("capacity range must satisfy 1 <= min <= max <= 1000000: "
                    + minCapacity + ".." + maxCapacity);
        }
    }
}
