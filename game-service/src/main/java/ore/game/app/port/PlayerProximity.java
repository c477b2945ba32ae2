package ore.game.app.port;

import java.util.UUID;
import ore.game.domain.mining.Proximity;
import ore.game.domain.node.GeoPoint;

/**
 * Where the server last saw a player, relative to a point: location-service's view of the player's
 * last trusted position (after anti-cheat), never anything the client says.
 *
 * <p>Contract: answers within a bounded time; when location-service cannot be asked (down, slow,
 * erroring, circuit open) it throws {@code game.location_unavailable} (UNAVAILABLE, with a
 * Retry-After) rather than guessing: mining fails closed.
 */
public interface PlayerProximity {

    Proximity check(UUID playerId, GeoPoint point, double maxDistanceM);
}
