package ore.events.outbox;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The {@code <schema>.outbox} table (DDL in {@code ore/events/outbox.sql}). Declared by hand rather
 * than generated because every service has its own copy in its own schema.
 */
final class OutboxTable {

    static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    static final Field<String> TOPIC = field(name("topic"), SQLDataType.VARCHAR);
    static final Field<String> EVENT_KEY = field(name("event_key"), SQLDataType.VARCHAR);
    static final Field<String> EVENT_TYPE = field(name("event_type"), SQLDataType.VARCHAR);
    static final Field<JSONB> ENVELOPE = field(name("envelope"), SQLDataType.JSONB);
    static final Field<OffsetDateTime> CREATED_AT = field(name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<OffsetDateTime> PUBLISHED_AT = field(name("published_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<String> TRACEPARENT = DSL.jsonbGetAttributeAsText(ENVELOPE, "traceparent");

    /**
     * The database's clock at the moment of the statement (not of the transaction start, as
     * {@code now()} would be). All service instances share it, so for two transactions that touch the
     * same aggregate one after the other, the second row always sorts after the first.
     */
    static final Field<OffsetDateTime> CLOCK_TIMESTAMP =
            DSL.function(name("clock_timestamp"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    private OutboxTable() {
    }

    static Table<Record> in(String schema) {
        return DSL.table(name(schema, "outbox"));
    }

    static Table<Record> deadLetterIn(String schema) {
        return DSL.table(name(schema, "outbox_dead_letter"));
    }

    static final Field<OffsetDateTime> FAILED_AT = field(name("failed_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<Integer> ATTEMPTS = field(name("attempts"), SQLDataType.INTEGER);
    static final Field<String> LAST_ERROR = field(name("last_error"), SQLDataType.VARCHAR);

    /**
     * The dead-letter table's DDL ({@code ore/events/outbox.sql} has it too). The relay runs it once at
     * start ({@code if not exists}), so services whose migrations predate it need no new migration.
     */
    static String deadLetterDdl(String schema) {
        return "create table if not exists " + schema + ".outbox_dead_letter ("
                + "id uuid primary key, topic text not null, event_key text not null, event_type text not null, "
                + "envelope jsonb not null, created_at timestamptz not null, failed_at timestamptz not null, "
                + "attempts integer not null, last_error text)";
    }
}
