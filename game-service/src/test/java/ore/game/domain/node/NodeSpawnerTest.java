package ore.game.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import ore.game.adapter.out.h3.H3HexGrid;
import org.junit.jupiter.api.Test;

/** Spawning: deterministic per (secret, cell, hour), unpredictable without the secret, distributed as configured. */
class NodeSpawnerTest {

    static final HexGrid GRID = new H3HexGrid();
    static final SpawnRules RULES = new SpawnRules(9, 0.35, 5, 50);
    static final byte[] SECRET = "a-test-secret-of-at-least-32-bytes-long!".getBytes(StandardCharsets.UTF_8);
    static final GeoPoint SEOUL = new GeoPoint(37.5665, 126.9780);
    static final long HOUR = 493_127;

    final NodeSpawner spawner = new NodeSpawner(SECRET, GRID, RULES);

    /** About 1 700 cells around Seoul. */
    private List<Long> cells() {
        return GRID.disk(GRID.cellAt(SEOUL, 9), 24);
    }

    @Test
    void theSameSecretCellAndHourGiveTheSameNode() {
        var other = new NodeSpawner(SECRET.clone(), GRID, RULES);
        for (long cell : cells().subList(0, 200)) {
            assertThat(spawner.nodeAt(cell, HOUR)).isEqualTo(other.nodeAt(cell, HOUR));
        }
    }

    @Test
    void anotherSecretOrHourGivesOtherNodes() {
        var other = new NodeSpawner("another-secret-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8), GRID, RULES);
        int same = 0;
        int sameNextHour = 0;
        for (long cell : cells()) {
            if (spawner.nodeAt(cell, HOUR).equals(other.nodeAt(cell, HOUR))) {
                same++;
            }
            Optional<OreNode> now = spawner.nodeAt(cell, HOUR);
            Optional<OreNode> next = spawner.nodeAt(cell, HOUR + 1);
            if (now.isPresent() && next.isPresent() && now.get().position().equals(next.get().position())) {
                sameNextHour++;
            }
        }
        // Only cells empty under both secrets agree: about 0.65² of them.
        assertThat(same / (double) cells().size()).isCloseTo(0.65 * 0.65, within(0.06));
        assertThat(sameNextHour).isZero();
    }

    @Test
    void aboutTheConfiguredShareOfCellsHasANode() {
        long spawned = cells().stream().filter(c -> spawner.nodeAt(c, HOUR).isPresent()).count();
        assertThat(spawned / (double) cells().size()).isCloseTo(0.35, within(0.04));
    }

    @Test
    void oreTypesFollowTheRarityTable() {
        var counts = new EnumMap<OreType, Integer>(OreType.class);
        int total = 0;
        for (long hour = HOUR; hour < HOUR + 12; hour++) {
            for (long cell : cells()) {
                var node = spawner.nodeAt(cell, hour);
                if (node.isPresent()) {
                    counts.merge(node.get().ore(), 1, Integer::sum);
                    total++;
                }
            }
        }
        assertThat(total).isGreaterThan(6_000);
        for (OreType t : OreType.values()) {
            double expected = t.weight() / 10_000.0;
            double tolerance = Math.max(0.004, 4 * Math.sqrt(expected * (1 - expected) / total));
            assertThat(counts.getOrDefault(t, 0) / (double) total).as(t.code()).isCloseTo(expected, within(tolerance));
        }
    }

    @Test
    void nodesLieInsideTheirCellWithACapacityInRange() {
        int seenMin = Integer.MAX_VALUE;
        int seenMax = 0;
        for (long cell : cells()) {
            var node = spawner.nodeAt(cell, HOUR);
            if (node.isEmpty()) {
                continue;
            }
            assertThat(GRID.cellAt(node.get().position(), 9)).isEqualTo(cell);
            assertThat(node.get().capacity()).isBetween(5, 50);
            assertThat(node.get().id()).isEqualTo(new NodeId(cell, HOUR));
            seenMin = Math.min(seenMin, node.get().capacity());
            seenMax = Math.max(seenMax, node.get().capacity());
        }
        assertThat(seenMin).isEqualTo(5);
        assertThat(seenMax).isEqualTo(50);
    }

    @Test
    void positionsSpreadOverTheWholeCell() {
        // Relative to the cell centre, positions fall in every direction, not only near the centre.
        int[] quadrants = new int[4];
        double farthest = 0;
        for (long cell : cells()) {
            var node = spawner.nodeAt(cell, HOUR);
            if (node.isPresent()) {
                GeoPoint c = GRID.center(cell);
                GeoPoint p = node.get().position();
                quadrants[(p.lat() > c.lat() ? 1 : 0) + (p.lon() > c.lon() ? 2 : 0)]++;
                farthest = Math.max(farthest, c.distanceM(p));
            }
        }
        for (int q : quadrants) {
            assertThat(q).isGreaterThan(100);
        }
        assertThat(farthest).isGreaterThan(0.8 * GRID.averageEdgeM(9));
    }

    @Test
    void cellsOnTheAntimeridianAndNearThePoleWork() {
        for (GeoPoint p : List.of(new GeoPoint(-16.5, 179.999), new GeoPoint(-16.5, -179.999), new GeoPoint(89.9, 10),
                new GeoPoint(-89.9, 10))) {
            for (long cell : GRID.disk(GRID.cellAt(p, 9), 3)) {
                spawner.nodeAt(cell, HOUR).ifPresent(n -> assertThat(GRID.cellAt(n.position(), 9)).isEqualTo(cell));
            }
        }
    }

    @Test
    void nearListsEveryNodeWithinTheRadiusNearestFirst() {
        double radius = 1_000;
        var near = spawner.near(SEOUL, radius, HOUR);
        assertThat(near).isNotEmpty().allSatisfy(n -> assertThat(n.position().distanceM(SEOUL)).isLessThanOrEqualTo(radius));
        assertThat(near).isSortedAccordingTo(java.util.Comparator.comparingDouble(n -> n.position().distanceM(SEOUL)));
        // Brute force over a generous disk finds nothing the listing missed.
        long missed = GRID.disk(GRID.cellAt(SEOUL, 9), 12).stream()
                .flatMap(c -> spawner.nodeAt(c, HOUR).stream())
                .filter(n -> n.position().distanceM(SEOUL) <= radius)
                .filter(n -> !near.contains(n))
                .count();
        assertThat(missed).isZero();
    }

    @Test
    void onlyResolutionNineCellsSpawn() {
        long coarse = GRID.cellAt(SEOUL, 8);
        assertThat(spawner.nodeAt(coarse, HOUR)).isEmpty();
        assertThat(spawner.nodeAt(0x1234L, HOUR)).isEmpty();
        assertThat(spawner.isValidCell(GRID.cellAt(SEOUL, 9))).isTrue();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new NodeSpawner("short".getBytes(StandardCharsets.UTF_8), GRID, RULES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
