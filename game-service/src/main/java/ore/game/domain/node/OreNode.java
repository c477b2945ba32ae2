package ore.game.domain.node;

import java.time.Instant;

/** A spawned ore node: where it is, what it holds and how much of it when untouched. */
public record OreNode(NodeId id, GeoPoint position, OreType ore, int capacity) {

    public OreNode {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
    }

    public long cell() {
        return id.cell();
    }

    /** When the node's hour ends (it stays minable a grace period longer, see {@link NodeLifetime}). */
    public Instant hourEnds() {
        return Instant.ofEpochSecond((id.hour() + 1) * 3600);
    }
}
