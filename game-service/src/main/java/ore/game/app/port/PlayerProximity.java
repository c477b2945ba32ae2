package ore.game.app.port;

import java.util.Collections;
import java.util.List;
import java.util.UUID;
import ore.game.domain.mining.PositionCheck;
import ore.game.domain.mining.Proximity;
import ore.game.domain.node.GeoPoint;

/**
 * Where the server last saw a player, relative to a point, and which points lie in no-play zones:
 * location-service's view of the player's last trusted position (after anti-cheat) and of the zones,
 * never anything the client says.
 *
 * <p>Contract: answers within a bounded time; when location-service cannot be asked (down, slow,
 * erroring, circuit open) or answers outside its contract (a field missing), it throws
 * {@code game.location_unavailable} (UNAVAILABLE, with a Retry-After) rather than guessing: mining and
 * node listing fail closed.
 */
public interface PlayerProximity {

    /** The distance part of {@link #locate}. */
    Proximity check(UUID playerId, GeoPoint point, double maxDistanceM);

    /**
     * The whole answer: distance, verdict, accuracy and whether the point lies in a no-play zone.
     * The adapter to location-service implements it from one call. The default serves in-process test
     * doubles that only model distance: it stands for a TRUSTED, exact position outside every zone.
     */
    default PositionCheck locate(UUID playerId, GeoPoint point, double maxDistanceM) {
        Proximity p = check(playerId, point, maxDistanceM);
        return p.known() ? new PositionCheck(p, PositionCheck.Verdict.TRUSTED, 1.0, false) : PositionCheck.unknown(false);
    }

    /**
     * One answer per point, in order: whether it lies in a no-play zone. The default (in-process test
     * doubles without zones) says none does.
     */
    default List<Boolean> inNoPlayZones(List<GeoPoint> points) {
        return Collections.nCopies(points.size(), Boolean.FALSE);
    }
}
