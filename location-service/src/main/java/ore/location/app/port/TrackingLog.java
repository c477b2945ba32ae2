package ore.location.app.port;

import java.util.List;
import ore.location.app.LocationTracked;

/**
 * The {@code ore.location.tracked} stream: one event per judged fix, keyed by player id.
 *
 * <p>{@link #append} returns once every event is acknowledged by the log ({@code acks=all}) or
 * throws an UNAVAILABLE {@code DomainException}; the caller commits the player's state only after
 * it returned, so a fix is never accepted without its event (at-least-once: a retry after a failure
 * between the two may publish an event twice, with a new id; consumers deduplicate on
 * {@code (playerId, ts)}).
 */
public interface TrackingLog {

    String TOPIC = "ore.location.tracked";
    String TYPE = "LocationTracked";

    void append(List<LocationTracked> events);
}
