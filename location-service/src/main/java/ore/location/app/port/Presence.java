package ore.location.app.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where opted-in players are, for "nearby": positions listed under a coarse H3 cell, each entry
 * expiring when the player has not been seen for the configured presence TTL. Only players who
 * opted in and are outside no-play zones are ever listed. Positions are stored exactly and must be
 * coarsened before they leave the service.
 */
public interface Presence {

    record Entry(UUID playerId, double lat, double lon) {

        @Override
        public String toString() {
            return "Entry[" + playerId + "]";
        }
    }

    /** Lists (or moves) the player under {@code cell} at this position, seen at {@code at}. */
    void list(UUID playerId, long cell, double lat, double lon, Instant at);

    /** Removes the player from {@code cell}; nothing happens when it is not listed there. */
    void unlist(UUID playerId, long cell);

    /**
     * Listed players in any of {@code cells} within {@code radiusM} of the point, seen within the
     * presence TTL before {@code now}, nearest first, at most {@code limit} per cell.
     */
    List<Entry> search(List<Long> cells, double lat, double lon, double radiusM, int limit, Instant now);
}
