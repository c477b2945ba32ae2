package ore.events.outbox;

import static ore.events.outbox.OutboxTable.CLOCK_TIMESTAMP;
import static ore.events.outbox.OutboxTable.CREATED_AT;
import static ore.events.outbox.OutboxTable.ENVELOPE;
import static ore.events.outbox.OutboxTable.EVENT_KEY;
import static ore.events.outbox.OutboxTable.EVENT_TYPE;
import static ore.events.outbox.OutboxTable.ID;
import static ore.events.outbox.OutboxTable.TOPIC;
import static org.jooq.impl.DSL.val;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Objects;
import ore.events.EventCodec;
import ore.events.EventEnvelope;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Records an event to publish in the caller's own transaction (transactional outbox): the state change
 * and the event commit or roll back together, so no event is lost and none is sent for work that
 * never happened. {@link OutboxRelay} later sends committed rows to Kafka, at least once, in
 * {@code created_at} order per key.
 */
@Singleton
@Requires(property = OutboxSettings.PREFIX + ".schema")
public final class OutboxWriter {

    private final Table<Record> outbox;
    private final EventCodec codec;

    public OutboxWriter(OutboxSettings settings, EventCodec codec) {
        this.outbox = OutboxTable.in(settings.schema());
        this.codec = codec;
    }

    /**
     * Inserts the event into {@code <schema>.outbox}.
     *
     * @param tx    the jOOQ context of the caller's open transaction ({@code c.dsl()} inside
     *              {@code transactionResult}); using any other context breaks the guarantee
     * @param topic the Kafka topic the relay sends it to
     */
    public void append(DSLContext tx, String topic, EventEnvelope e) {
        Objects.requireNonNull(tx, "tx");
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        tx.insertInto(outbox, ID, TOPIC, EVENT_KEY, EVENT_TYPE, ENVELOPE, CREATED_AT)
                .values(val(e.id()), val(topic), val(e.key()), val(e.type()), val(JSONB.valueOf(codec.encode(e))),
                        CLOCK_TIMESTAMP)
                .execute();
    }
}
