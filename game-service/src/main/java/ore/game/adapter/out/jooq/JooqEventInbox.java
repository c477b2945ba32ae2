package ore.game.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.util.UUID;
import ore.events.inbox.ProcessedEvents;
import ore.game.app.port.EventInbox;

/** {@link EventInbox} on ore-events' {@code processed_event} table, in the current jOOQ transaction. */
@Singleton
public class JooqEventInbox implements EventInbox {

    private final JooqTransactions tx;
    private final ProcessedEvents processed;

    public JooqEventInbox(JooqTransactions tx, ProcessedEvents processed) {
        this.tx = tx;
        this.processed = processed;
    }

    @Override
    public boolean firstTime(String consumer, UUID eventId) {
        return processed.markProcessed(tx.requireTransaction(), consumer, eventId);
    }
}
