package ore.game.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.time.Clock;
import ore.game.app.port.EventOutbox;
import ore.events.EventEnvelope;
import ore.events.outbox.OutboxWriter;

/**
 * {@link EventOutbox} on the shared transactional outbox of ore-events, in the current jOOQ
 * transaction. The row is a deferred write ({@link JooqTransactions#defer}): it goes to the database
 * with the transaction's other deferred writes, in one round trip, and commits or rolls back with them.
 */
@Singleton
public class JooqEventOutbox implements EventOutbox {

    private final JooqTransactions tx;
    private final OutboxWriter writer;
    private final Clock clock;

    public JooqEventOutbox(JooqTransactions tx, OutboxWriter writer, Clock clock) {
        this.tx = tx;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void publish(String topic, String type, String key, Object payload) {
        tx.defer(writer.insert(tx.builder(), topic, EventEnvelope.of(type, key, payload, clock)));
    }
}
