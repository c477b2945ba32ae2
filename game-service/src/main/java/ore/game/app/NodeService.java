package ore.game.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.game.app.port.NodeCapacityStore;
import ore.game.app.port.PlayerProximity;
import ore.game.domain.GameErrors;
import ore.game.domain.mining.PositionCheck;
import ore.game.domain.mining.Proximity;
import ore.game.domain.node.GeoPoint;
import ore.game.domain.node.NodeLifetime;
import ore.game.domain.node.OreNode;

/** The ore nodes around a point, with what is left in each. */
@Singleton
public class NodeService {

    /**
     * Radius used when the client gives none, and the largest one served (larger ones are capped); how
     * far the search centre may lie from the player's last position, and how old that position may be.
     */
    public record ListingLimits(double defaultRadiusM, double maxRadiusM, double maxCenterOffsetM,
                                Duration maxCenterFixAge) {

        public ListingLimits {
            if (!(defaultRadiusM > 0) || maxRadiusM < defaultRadiusM) {
                throw new IllegalArgumentException("need 0 < default radius <= max radius");
            }
            if (!(maxCenterOffsetM > 0) || !maxCenterFixAge.isPositive()) {
                throw new IllegalArgumentException("need a positive centre offset and fix age");
            }
        }
    }

    public record NodeView(OreNode node, int remaining, double distanceM) {
    }

    public record Listing(GeoPoint center, double radiusM, long hour, Instant expiresAt, List<NodeView> nodes) {
    }

    private final NodeCatalog catalog;
    private final NodeCapacityStore capacities;
    private final PlayerProximity proximity;
    private final ListingLimits limits;
    private final Clock clock;

    public NodeService(NodeCatalog catalog, NodeCapacityStore capacities, PlayerProximity proximity,
                       ListingLimits limits, Clock clock) {
        this.catalog = catalog;
        this.capacities = capacities;
        this.proximity = proximity;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Nodes with ore left within the radius (default when null, capped at the maximum), nearest first,
     * around a centre near the player's own last position (as nearby players are: a bot must not map a
     * city's nodes from one place), without the nodes that lie in no-play zones.
     */
    public Listing near(UUID playerId, GeoPoint center, Double radiusM) {
        double radius = radiusM == null ? limits.defaultRadiusM() : radiusM;
        if (!Double.isFinite(radius) || radius <= 0) {
            throw GameErrors.invalidParameter("invalid_radius", "radius must be a positive number of metres.");
        }
        radius = Math.min(radius, limits.maxRadiusM());
        PositionCheck where = proximity.locate(playerId, center, limits.maxCenterOffsetM());
        Proximity p = where.proximity();
        if (!p.known() || !p.withinDistance() || p.fixAgeMs() < 0
                || p.fixAgeMs() > limits.maxCenterFixAge().toMillis()) {
            throw GameErrors.searchTooFar(limits.maxCenterOffsetM());
        }
        Instant now = clock.instant();
        List<OreNode> nodes = catalog.near(center, radius, now);
        var remaining = capacities.remaining(nodes.stream().map(OreNode::id).toList());
        List<NodeView> withOre = nodes.stream()
                .map(n -> new NodeView(n, remaining.getOrDefault(n.id(), n.capacity()), n.position().distanceM(center)))
                .filter(v -> v.remaining() > 0)
                .toList();
        List<Boolean> inZone = proximity.inNoPlayZones(withOre.stream().map(v -> v.node().position()).toList());
        var views = new java.util.ArrayList<NodeView>(withOre.size());
        for (int i = 0; i < withOre.size(); i++) {
            if (!inZone.get(i)) {
                views.add(withOre.get(i));
            }
        }
        long hour = NodeLifetime.hourOf(now);
        return new Listing(center, radius, hour, Instant.ofEpochSecond((hour + 1) * 3600), views);
    }
}
