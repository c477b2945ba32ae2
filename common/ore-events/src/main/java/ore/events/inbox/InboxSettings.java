package ore.events.inbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import ore.events.outbox.OutboxSettings;

/**
 * Pruning of {@code <schema>.processed_event}, {@code ore.inbox.*} (the schema is
 * {@code ore.outbox.schema}).
 *
 * <p>Why a retention is safe. A row only has to outlive every copy of its event that a consumer can
 * still read. A copy stays readable while Kafka keeps it: topic retention (7 days in production and
 * in {@code deploy/compose/kafka-init.sh}, docs/contracts.md) plus, since Kafka deletes whole log
 * segments, up to one segment's roll time ({@code segment.ms}, 7 days by default) on a quiet topic:
 * at most about 14 days. Every way a duplicate reaches a consumer reads such a copy: a restart before
 * the offset commit, a rebalance, or a group re-reading from the earliest offset after its committed
 * offsets expired ({@code offsets.retention.minutes}, 7 days after the group emptied) or under a new
 * group id. The relay's own resends (Kafka acknowledged, the commit failed) are appended within the
 * relay's retry delay, so they add the length of that outage. The default, 30 days, is twice the
 * 14 days with room for such an outage. Raise it with the topics' retention; below 14 days a
 * warning is logged at start-up.
 *
 * @param pruneEnabled   whether this instance prunes (a second instance doing it at the same time
 *                       is harmless: each batch takes an advisory lock, the loser skips the run)
 * @param retention      how long a {@code processed_event} row is kept after the event was processed
 * @param pruneInterval  pause between two pruning runs
 * @param pruneBatchSize rows deleted per statement (and transaction); a run loops until a batch comes
 *                       out smaller
 */
@ConfigurationProperties(InboxSettings.PREFIX)
@Requires(property = OutboxSettings.PREFIX + ".schema")
public record InboxSettings(
        @Bindable(defaultValue = "true") boolean pruneEnabled,
        @Bindable(defaultValue = "30d") Duration retention,
        @Bindable(defaultValue = "15m") Duration pruneInterval,
        @Bindable(defaultValue = "5000") int pruneBatchSize) {

    public static final String PREFIX = "ore.inbox";

    /** Topic retention (7 days) plus one segment's roll time (7 days): see the class comment. */
    public static final Duration LONGEST_REDELIVERY = Duration.ofDays(14);

    public InboxSettings {
        requirePositive(retention, "retention");
        requirePositive(pruneInterval, "prune-interval");
        if (pruneBatchSize < 1 || pruneBatchSize > 100_000) {
            throw new IllegalArgumentException(PREFIX + ".prune-batch-size must be 1..100000, got: " + pruneBatchSize);
        }
    }

    /** The defaults above; for tests and code that builds the pruner by hand. */
    public static InboxSettings defaults() {
        return new InboxSettings(true, Duration.ofDays(30), Duration.ofMinutes(15), 5000);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be a positive duration, got: " + d);
        }
    }
}
