package ore.chain.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import ore.chain.app.port.EventOutbox;
import ore.events.EventEnvelope;
import ore.events.outbox.OutboxWriter;

/** {@link EventOutbox} on the shared transactional outbox of ore-events, in the current jOOQ transaction. */
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
        writer.append(tx.requireTransaction(), topic, EventEnvelope.of(type, key, payload, clock));
    }

    /** jOOQ's batched mode turns the identical outbox inserts into JDBC batches (a backfill writes thousands). */
    @Override
    public void publishAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        tx.requireTransaction().batched(c -> {
            for (Event e : events) {
                writer.append(c.dsl(), e.topic(), EventEnvelope.of(e.type(), e.key(), e.payload(), clock));
            }
        });
    }
}
