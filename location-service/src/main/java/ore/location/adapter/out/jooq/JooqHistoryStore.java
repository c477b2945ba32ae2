package ore.location.adapter.out.jooq;

import static ore.location.adapter.out.jooq.generated.Tables.POSITION_HISTORY;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import ore.location.app.port.HistoryStore;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HistoryStore} on {@code location.position_history}, partitioned by range of
 * {@code recorded_at}, one partition per UTC day named {@code position_history_pYYYYMMDD}.
 *
 * <p>Partition DDL is PostgreSQL-specific and has no jOOQ model, so it is plain SQL built only from
 * dates (no outside text ever reaches it). DDL runs under a transaction-scoped advisory lock so that
 * several instances maintaining partitions at once do not trip over each other.
 */
@Singleton
public class JooqHistoryStore implements HistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(JooqHistoryStore.class);
    private static final String PREFIX = "position_history_p";
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
    /** "no partition of relation found for row". */
    private static final String NO_PARTITION = "23514";
    private static final long DDL_LOCK = 0x6c6f632e68697374L; // "loc.hist"
    private static final int BATCH = 500;

    private final JooqTransactions tx;

    public JooqHistoryStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int write(List<Row> rows) {
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
            try {
                inserted += insert(chunk);
            } catch (DataAccessException e) {
                if (!NO_PARTITION.equals(e.sqlState())) {
                    throw e;
                }
                var days = new TreeSet<LocalDate>();
                chunk.forEach(r -> days.add(LocalDate.ofInstant(r.recordedAt(), ZoneOffset.UTC)));
                LOG.info("Creating missing history partitions for {}", days);
                ensurePartitions(days.first(), days.last());
                inserted += insert(chunk);
            }
        }
        return inserted;
    }

    /**
     * One prepared statement, rendered once and bound per row (JDBC batch, one round trip): jOOQ
     * rendering a 500-row VALUES list cost more CPU than the database spent inserting it.
     */
    private int insert(List<Row> rows) {
        var batch = tx.dsl().batch(tx.dsl()
                .insertInto(POSITION_HISTORY, POSITION_HISTORY.PLAYER_ID, POSITION_HISTORY.RECORDED_AT,
                        POSITION_HISTORY.RECEIVED_AT, POSITION_HISTORY.LAT, POSITION_HISTORY.LON,
                        POSITION_HISTORY.ACCURACY_M, POSITION_HISTORY.SPEED_MPS, POSITION_HISTORY.HEADING_DEG,
                        POSITION_HISTORY.VERDICT, POSITION_HISTORY.REASONS, POSITION_HISTORY.MODEL_SCORE,
                        POSITION_HISTORY.IN_NO_PLAY_ZONE, POSITION_HISTORY.CELL, POSITION_HISTORY.EVENT_ID)
                .values((UUID) null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                .onConflictDoNothing());
        for (Row r : rows) {
            batch = batch.bind(r.playerId(), r.recordedAt(), r.receivedAt(), r.lat(), r.lon(), (float) r.accuracyM(),
                    toFloat(r.speedMps()), toFloat(r.headingDeg()), r.verdict(), truncate(r.reasons(), 255),
                    toFloat(r.modelScore()), r.inNoPlayZone(), r.cell(), r.eventId());
        }
        int inserted = 0;
        for (int count : batch.execute()) {
            inserted += Math.max(0, count);
        }
        return inserted;
    }

    @Override
    public void ensurePartitions(LocalDate from, LocalDate to) {
        tx.inTransaction(() -> {
            DSLContext dsl = tx.requireTransaction();
            lock(dsl);
            var existing = new TreeSet<>(partitions(dsl));
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (!existing.contains(day)) {
                    dsl.execute("create table if not exists location." + PREFIX + day.format(SUFFIX)
                            + " partition of location.position_history for values from ('" + day + "T00:00:00Z') to ('"
                            + day.plusDays(1) + "T00:00:00Z')");
                }
            }
            return null;
        });
    }

    @Override
    public List<LocalDate> dropPartitionsBefore(LocalDate day) {
        return tx.inTransaction(() -> {
            DSLContext dsl = tx.requireTransaction();
            lock(dsl);
            var dropped = new ArrayList<LocalDate>();
            for (LocalDate partition : partitions(dsl)) {
                if (partition.isBefore(day)) {
                    dsl.execute("drop table if exists location." + PREFIX + partition.format(SUFFIX));
                    dropped.add(partition);
                }
            }
            return dropped;
        });
    }

    @Override
    public int deletePlayer(UUID playerId) {
        return tx.dsl().deleteFrom(POSITION_HISTORY).where(POSITION_HISTORY.PLAYER_ID.eq(playerId)).execute();
    }

    /** The days of the existing partitions, from the catalogue. */
    List<LocalDate> partitions(DSLContext dsl) {
        var days = new ArrayList<LocalDate>();
        for (String name : dsl.fetch("select c.relname from pg_inherits i "
                + "join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent "
                + "join pg_namespace n on n.oid = p.relnamespace "
                + "where n.nspname = 'location' and p.relname = 'position_history'").getValues(0, String.class)) {
            if (name.startsWith(PREFIX)) {
                try {
                    days.add(LocalDate.parse(name.substring(PREFIX.length()), SUFFIX));
                } catch (java.time.format.DateTimeParseException e) {
                    LOG.warn("Ignoring history partition with an unexpected name: {}", name);
                }
            }
        }
        days.sort(null);
        return days;
    }

    private static void lock(DSLContext dsl) {
        dsl.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(DDL_LOCK))).fetch();
    }

    private static Float toFloat(Double value) {
        return value == null ? null : value.floatValue();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
