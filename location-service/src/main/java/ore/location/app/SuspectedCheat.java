package ore.location.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code SuspectedCheat} on {@code ore.location.cheat} (key: player id), published
 * through the outbox when a player's fixes were rejected for cheating {@code rejections} times
 * within {@code windowSeconds}. At most one report per player per window.
 *
 * @param reasons the reason codes of the rejections in the batch that crossed the threshold
 */
public record SuspectedCheat(UUID playerId, int rejections, long windowSeconds, List<String> reasons,
                             Instant detectedAt) {

    public static final String TOPIC = "ore.location.cheat";
    public static final String TYPE = "SuspectedCheat";
}
