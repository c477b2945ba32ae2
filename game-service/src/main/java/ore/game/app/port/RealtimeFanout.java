package ore.game.app.port;

import java.util.UUID;
import ore.game.app.RealtimeMessages;

/**
 * Messages to the realtime-engine's channels, which forward them to connected clients:
 * {@code rt:player:<id>} (that player's devices) and {@code rt:cell:<h3>} (everyone watching the cell).
 *
 * <p>Contract: called after commit; best effort, at most once, never throws and never blocks the
 * caller on the broker. Clients treat these as hints and re-read state through the API on reconnect.
 */
public interface RealtimeFanout {

    void toPlayer(UUID playerId, RealtimeMessages.Message message);

    void toCell(String cellHex, RealtimeMessages.Message message);
}
