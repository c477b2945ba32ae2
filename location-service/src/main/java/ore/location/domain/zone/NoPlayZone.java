package ore.location.domain.zone;

import java.time.Instant;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/**
 * A polygon (or several) where the game must not be played: schools, hospitals, private ground.
 * Fixes inside one are tracked but flagged, such positions are hidden from "nearby", and
 * game-service refuses mining there (it asks the proximity API).
 *
 * @param geometry a valid JTS Polygon or MultiPolygon in lon/lat degrees (x = lon, y = lat)
 */
public record NoPlayZone(UUID id, String name, Geometry geometry, double areaM2, Instant createdAt, String createdBy) {

    @Override
    public String toString() {
        return "NoPlayZone[" + id + ", " + name + "]";
    }
}
