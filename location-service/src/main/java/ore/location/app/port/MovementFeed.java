package ore.location.app.port;

import java.util.UUID;

/**
 * Live movement for the realtime gateway: one message per accepted batch of an opted-in player, on
 * the channel of the fine H3 cell the player is in ({@code rt:cell:<h3>}). Fire-and-forget: a
 * subscriber that is not listening misses it, which is what live positions want.
 */
public interface MovementFeed {

    /** Coordinates are already rounded to the public precision. */
    record PlayerMoved(UUID playerId, double lat, double lon, long ts) {
    }

    void playerMoved(String cellAddress, PlayerMoved message);
}
