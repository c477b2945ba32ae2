package ore.events.inbox;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.UUID;
import ore.events.outbox.OutboxSettings;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Makes a Kafka consumer idempotent. Delivery is at-least-once, so a consumer may see an event id
 * again (relay retries, consumer restarts before committing offsets). In the same transaction as its
 * effect, the consumer calls {@link #markProcessed}; when it returns false the event was already
 * handled and the consumer skips it. Rows live in {@code <schema>.processed_event}; {@link InboxPruner}
 * deletes them once no copy of their event can still be delivered ({@code ore.inbox.retention}).
 */
@Singleton
@Requires(property = OutboxSettings.PREFIX + ".schema")
public final class ProcessedEvents {

    private static final Field<String> CONSUMER = field(name("consumer"), SQLDataType.VARCHAR);
    private static final Field<UUID> EVENT_ID = field(name("event_id"), SQLDataType.UUID);
    /** The transaction's start on the database clock; {@link InboxPruner} deletes by it. */
    static final Field<OffsetDateTime> PROCESSED_AT = field(name("processed_at"),
            SQLDataType.TIMESTAMPWITHTIMEZONE);

    private final Table<Record> table;

    public ProcessedEvents(OutboxSettings settings) {
        this.table = table(settings.schema());
    }

    static Table<Record> table(String schema) {
        return DSL.table(name(schema, "processed_event"));
    }

    /**
     * Records that {@code consumer} handled {@code eventId}.
     *
     * @param tx       the consumer's open transaction, the one that applies the event's effect
     * @param consumer a stable name per consumer (e.g. {@code game.rewards-settled}), so two consumers
     *                 in one service each see every event once
     * @return true the first time, false if this consumer already processed the event
     */
    public boolean markProcessed(DSLContext tx, String consumer, UUID eventId) {
        if (consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("consumer must not be blank");
        }
        return tx.insertInto(table, CONSUMER, EVENT_ID, PROCESSED_AT)
                .values(val(consumer), val(eventId), DSL.currentOffsetDateTime())
                .onConflictDoNothing()
                .execute() == 1;
    }
}
