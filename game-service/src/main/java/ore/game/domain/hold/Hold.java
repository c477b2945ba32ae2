package ore.game.domain.hold;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A hold on a player's mining and reward claims, raised by location-service's {@code SuspectedCheat}
 * report and lifted by an admin.
 *
 * @param id           the report's event id (one hold per report)
 * @param rejections   fixes rejected for cheating within the window when the report was raised
 * @param reasons      the anti-cheat reason codes behind the report
 * @param detectedAt   when location-service raised the report
 * @param heldAt       when game-service applied the hold
 * @param releasedAt   when an admin released it, {@code null} while active
 */
public record Hold(UUID id, UUID playerId, int rejections, long windowSeconds, List<String> reasons,
                   Instant detectedAt, Instant heldAt, Instant releasedAt, String releasedBy, String releaseNote) {

    public Hold {
        reasons = List.copyOf(reasons);
    }

    public boolean active() {
        return releasedAt == null;
    }
}
