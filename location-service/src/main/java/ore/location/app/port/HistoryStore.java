package ore.location.app.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The position history table, partitioned by UTC day of the fix time.
 *
 * <p>{@link #write} is idempotent on {@code (playerId, recordedAt)}: events delivered twice, or
 * published twice after a retry, leave one row. A missing day partition is created on demand.
 */
public interface HistoryStore {

    record Row(UUID eventId, UUID playerId, Instant recordedAt, Instant receivedAt, double lat, double lon,
               double accuracyM, Double speedMps, Double headingDeg, String verdict, String reasons,
               Double modelScore, boolean inNoPlayZone, String cell) {

        @Override
        public String toString() {
            return "Row[" + playerId + ", " + recordedAt + ", " + verdict + "]";
        }
    }

    /** Inserts the rows that are not there yet; returns how many were new. */
    int write(List<Row> rows);

    /** Creates the daily partitions for {@code from}..{@code to} (inclusive) that do not exist. */
    void ensurePartitions(LocalDate from, LocalDate to);

    /** Drops the daily partitions of days before {@code day}; returns the days dropped. */
    List<LocalDate> dropPartitionsBefore(LocalDate day);

    /** Deletes every row of the player (GDPR); returns how many. */
    int deletePlayer(UUID playerId);
}
