package ore.location.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ore.location.app.port.Erasures;
import ore.location.app.port.HistoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location history: tracked fixes written to a PostgreSQL table partitioned by day (the spec's
 * Timestream takes no new customers, docs/operations.md), kept for {@code retention} and then dropped a
 * whole partition at a time (no vacuum-heavy deletes).
 */
@Singleton
public class PositionHistory {

    private static final Logger LOG = LoggerFactory.getLogger(PositionHistory.class);

    /**
     * @param retention    how long rows are kept (whole UTC days: a day's partition is dropped once
     *                     its last moment is older than this)
     * @param daysAhead    partitions created in advance
     * @param erasureMemory how long erased players are remembered (must exceed the topic retention)
     */
    public record Settings(Duration retention, int daysAhead, Duration erasureMemory) {
    }

    /** A {@code LocationTracked} event with its envelope id. */
    public record Received(UUID eventId, LocationTracked event) {
    }

    private final HistoryStore store;
    private final Erasures erasures;
    private final Settings settings;
    private final Clock clock;

    public PositionHistory(HistoryStore store, Erasures erasures, Settings settings, Clock clock) {
        this.store = store;
        this.erasures = erasures;
        this.settings = settings;
        this.clock = clock;
    }

    /** Writes the events' rows (skipping erased players); returns how many rows were new. */
    public int record(List<Received> received) {
        if (received.isEmpty()) {
            return 0;
        }
        Set<UUID> erased = erasures.erasedAmong(received.stream().map(r -> r.event().playerId()).distinct().toList());
        List<HistoryStore.Row> rows = received.stream()
                .filter(r -> !erased.contains(r.event().playerId()))
                .map(PositionHistory::row)
                .toList();
        return rows.isEmpty() ? 0 : store.write(rows);
    }

    /** Creates the coming days' partitions and drops expired ones; safe on every instance. */
    public void maintain() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        store.ensurePartitions(today.minusDays(1), today.plusDays(settings.daysAhead()));
        LocalDate keepFrom = LocalDate.ofInstant(clock.instant().minus(settings.retention()), ZoneOffset.UTC);
        List<LocalDate> dropped = store.dropPartitionsBefore(keepFrom);
        if (!dropped.isEmpty()) {
            LOG.info("Position history: dropped the partitions of {} (retention {})", dropped, settings.retention());
        }
        // Rows of a player erased while their events were being written may have slipped past the
        // check in record(); a second pass over recent erasures removes them.
        for (UUID playerId : erasures.since(clock.instant().minus(Duration.ofDays(1)))) {
            store.deletePlayer(playerId);
        }
        int forgotten = erasures.forgetBefore(clock.instant().minus(settings.erasureMemory()));
        if (forgotten > 0) {
            LOG.info("Forgot {} erasure(s) older than {}", forgotten, settings.erasureMemory());
        }
    }

    private static HistoryStore.Row row(Received r) {
        LocationTracked e = r.event();
        return new HistoryStore.Row(r.eventId(), e.playerId(), Instant.ofEpochMilli(e.ts()), e.receivedAt(), e.lat(),
                e.lon(), e.accuracyM(), e.speedMps(), e.headingDeg(), e.verdict(), String.join(",", e.reasons()),
                e.modelScore(), e.inNoPlayZone(), e.cell());
    }
}
