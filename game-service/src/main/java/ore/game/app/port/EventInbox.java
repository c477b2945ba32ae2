package ore.game.app.port;

import java.util.UUID;

/**
 * Idempotent consumption: inside the transaction that applies an event, {@link #firstTime} records
 * the event id for this consumer and says whether it was new. A redelivered event returns false and
 * is skipped, so its effect happens once.
 */
public interface EventInbox {

    boolean firstTime(String consumer, UUID eventId);
}
