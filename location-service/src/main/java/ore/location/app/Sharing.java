package ore.location.app;

import jakarta.inject.Singleton;
import java.util.UUID;
import ore.location.app.port.PlayerStates;
import ore.location.app.port.Presence;

/**
 * The player's "show me to nearby players" choice (off unless they turn it on). Turning it off
 * removes the player from nearby results at once; turning it on takes effect with the next update.
 */
@Singleton
public class Sharing {

    private final PlayerStates states;
    private final Presence presence;

    public Sharing(PlayerStates states, Presence presence) {
        this.states = states;
        this.presence = presence;
    }

    public boolean get(UUID playerId) {
        return states.load(playerId).sharing();
    }

    public void set(UUID playerId, boolean nearby) {
        states.setSharing(playerId, nearby);
        if (!nearby) {
            long cell = states.load(playerId).track().nearbyCell();
            if (cell != 0) {
                presence.unlist(playerId, cell);
            }
        }
    }
}
