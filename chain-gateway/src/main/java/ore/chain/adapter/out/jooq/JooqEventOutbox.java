package ore.chain.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.time.Clock;
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
}
