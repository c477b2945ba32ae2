package ore.game.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import ore.game.app.port.NodeCapacityStore;
import ore.game.domain.GameErrors;
import ore.game.domain.node.GeoPoint;
import ore.game.domain.node.NodeLifetime;
import ore.game.domain.node.OreNode;

/** The ore nodes around a point, with what is left in each. */
@Singleton
public class NodeService {

    /** Radius used when the client gives none, and the largest one served (larger ones are capped). */
    public record ListingLimits(double defaultRadiusM, double maxRadiusM) {

        public ListingLimits {
            if (!(defaultRadiusM > 0) || maxRadiusM < defaultRadiusM) {
                throw new IllegalArgumentException("need 0 < default radius <= max radius");
            }
        }
    }

    public record NodeView(OreNode node, int remaining, double distanceM) {
    }

    public record Listing(GeoPoint center, double radiusM, long hour, Instant expiresAt, List<NodeView> nodes) {
    }

    private final NodeCatalog catalog;
    private final NodeCapacityStore capacities;
    private final ListingLimits limits;
    private final Clock clock;

    public NodeService(NodeCatalog catalog, NodeCapacityStore capacities, ListingLimits limits, Clock clock) {
        this.catalog = catalog;
        this.capacities = capacities;
        this.limits = limits;
        this.clock = clock;
    }

    /** Nodes with ore left within the radius (default when null, capped at the maximum), nearest first. */
    public Listing near(GeoPoint center, Double radiusM) {
        double radius = radiusM == null ? limits.defaultRadiusM() : radiusM;
        if (!Double.isFinite(radius) || radius <= 0) {
            throw GameErrors.invalidParameter("invalid_radius", "radius must be a positive number of metres.");
        }
        radius = Math.min(radius, limits.maxRadiusM());
        Instant now = clock.instant();
        List<OreNode> nodes = catalog.near(center, radius, now);
        var remaining = capacities.remaining(nodes.stream().map(OreNode::id).toList());
        List<NodeView> views = nodes.stream()
                .map(n -> new NodeView(n, remaining.getOrDefault(n.id(), n.capacity()), n.position().distanceM(center)))
                .filter(v -> v.remaining() > 0)
                .toList();
        long hour = NodeLifetime.hourOf(now);
        return new Listing(center, radius, hour, Instant.ofEpochSecond((hour + 1) * 3600), views);
    }
}
