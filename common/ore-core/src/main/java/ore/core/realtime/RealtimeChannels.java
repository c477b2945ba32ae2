package ore.core.realtime;

import java.util.UUID;

/**
 * Names of the Redis channels realtime-engine forwards to its clients (one per realtime channel):
 * {@code rt:cell:<h3 address>} (everyone watching an H3 cell, resolution 9) and
 * {@code rt:player:<player id>} (one player's devices).
 */
public final class RealtimeChannels {

    public static final String CELL_PREFIX = "rt:cell:";
    public static final String PLAYER_PREFIX = "rt:player:";

    private RealtimeChannels() {
    }

    public static String cell(String h3Address) {
        return CELL_PREFIX + h3Address;
    }

    public static String player(UUID playerId) {
        return PLAYER_PREFIX + playerId;
    }
}
