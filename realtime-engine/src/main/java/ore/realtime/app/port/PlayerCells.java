package ore.realtime.app.port;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The H3 resolution-9 cell of a player's last trusted position (location-service). Empty when the
 * player has none. Fails (exceptionally) when the answer cannot be had; callers then refuse.
 */
public interface PlayerCells {

    CompletionStage<Optional<String>> lastTrustedCell(UUID playerId);
}
