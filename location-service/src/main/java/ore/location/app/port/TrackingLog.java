package ore.location.app.port;

import java.util.List;
import ore.location.app.LocationTracked;

/**
 * The {@code ore.location.tracked} stream: one event per judged fix, keyed by player id.
 *
 * <p>{@link #append} returns once every event is acknowledged by the log ({@code acks=all}) or
 * throws an UNAVAILABLE {@code DomainException}. The caller publishes only events of a judgement it
 * has committed (they are stored with the commit and cleared after the acknowledgement), so a
 * judgement that lost a commit race is never published, and a committed one is published at least
 * once: a retry may publish an event twice, with a new id; consumers deduplicate on
 * {@code (playerId, ts)}.
 */
public interface TrackingLog {

    String TOPIC = "ore.location.tracked";
    String TYPE = "LocationTracked";

    void append(List<LocationTracked> events);
}
