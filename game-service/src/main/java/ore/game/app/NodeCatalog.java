package ore.game.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import ore.game.domain.GameErrors;
import ore.game.domain.node.GeoPoint;
import ore.game.domain.node.NodeId;
import ore.game.domain.node.NodeLifetime;
import ore.game.domain.node.NodeSpawner;
import ore.game.domain.node.OreNode;

/**
 * The spawned nodes, computed by {@link NodeSpawner} and kept in a bounded in-memory cache per
 * (cell, hour): listing around a player touches ~170 cells, and the same cells again and again.
 * Entries expire after two hours, when their nodes cannot be mined any more.
 */
public final class NodeCatalog {

    private record CellHour(long cell, long hour) {
    }

    private final NodeSpawner spawner;
    private final NodeLifetime lifetime;
    private final Cache<CellHour, Optional<OreNode>> cache;

    public NodeCatalog(NodeSpawner spawner, NodeLifetime lifetime, long cacheSize) {
        this.spawner = spawner;
        this.lifetime = lifetime;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(Duration.ofHours(2)).build();
    }

    public Optional<OreNode> node(long cell, long hour) {
        return cache.get(new CellHour(cell, hour), k -> spawner.nodeAt(k.cell(), k.hour()));
    }

    /** The node, when it exists and may be mined now; otherwise the refusal (unknown or expired). */
    public OreNode minable(NodeId id, Instant now) {
        if (!spawner.isValidCell(id.cell())) {
            throw GameErrors.nodeUnknown();
        }
        lifetime.requireMinable(id, now);
        return node(id.cell(), id.hour()).orElseThrow(GameErrors::nodeUnknown);
    }

    /** This hour's nodes within {@code radiusM} of {@code center}, nearest first. */
    public List<OreNode> near(GeoPoint center, double radiusM, Instant now) {
        long hour = NodeLifetime.hourOf(now);
        var found = new ArrayList<OreNode>();
        for (long cell : spawner.cellsNear(center, radiusM)) {
            node(cell, hour).filter(n -> n.position().distanceM(center) <= radiusM).ifPresent(found::add);
        }
        found.sort(Comparator.comparingDouble(n -> n.position().distanceM(center)));
        return found;
    }
}
