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
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import ore.events.EventCodec;
import ore.events.EventEnvelope;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
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

    /**
     * Rows the relay can never send would block every row behind them, so what Kafka is certain to
     * refuse (a bad topic name, a record over the default 1 MiB request size) fails the caller's
     * transaction instead.
     */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    static final int MAX_ENVELOPE_BYTES = 900 * 1024;

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
        insert(tx, topic, e).execute();
    }

    /**
     * The insert {@link #append} runs, checked and built but not sent, for a caller that sends it
     * itself in the same transaction (in a batch with its other writes: one round trip less).
     * Whatever Kafka would refuse fails here, at once, not when the batch is sent.
     */
    public Query insert(DSLContext tx, String topic, EventEnvelope e) {
        Objects.requireNonNull(tx, "tx");
        if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
            throw new IllegalArgumentException("not a valid Kafka topic name: " + topic);
        }
        String json = codec.encode(e);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_ENVELOPE_BYTES) {
            throw new IllegalArgumentException("event " + e.type() + " is larger than " + MAX_ENVELOPE_BYTES
                    + " bytes; Kafka would reject it");
        }
        return tx.insertInto(outbox, ID, TOPIC, EVENT_KEY, EVENT_TYPE, ENVELOPE, CREATED_AT)
                .values(val(e.id()), val(topic), val(e.key()), val(e.type()), val(JSONB.valueOf(json)), CLOCK_TIMESTAMP);
    }
}
