package ore.events.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ore.core.id.Ids;
import ore.events.outbox.OutboxSettings;
import ore.events.testing.OutboxDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link InboxPruner} against a real PostgreSQL with the shipped DDL (processed_at index included). */
class InboxPrunerTest {

    private static final String SCHEMA = "prune_test";
    private static OutboxDatabase db;

    private final OutboxSettings outbox = OutboxSettings.of(SCHEMA);
    private final ProcessedEvents processed = new ProcessedEvents(outbox);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create(SCHEMA);
    }

    @BeforeEach
    void empty() {
        db.dsl().execute("truncate " + SCHEMA + ".processed_event");
    }

    @Test
    void deletesRowsOlderThanTheRetentionAndKeepsTheRest() {
        UUID old = insertProcessedDaysAgo("game.ledger", 31);
        UUID justInside = insertProcessedDaysAgo("game.ledger", 29);
        UUID fresh = insertProcessedDaysAgo("game.holds", 0);

        long deleted = pruner(InboxSettings.defaults()).pruneOnce();

        assertThat(deleted).isEqualTo(1);
        assertThat(db.dsl().fetch("select event_id from " + SCHEMA + ".processed_event").getValues(0, UUID.class))
                .containsExactlyInAnyOrder(justInside, fresh).doesNotContain(old);
        assertThat(meters.counter("ore.inbox.pruned", "schema", SCHEMA).count()).isEqualTo(1.0);
    }

    @Test
    void batchesLoopUntilEveryExpiredRowIsGone() {
        // The default batch (5000) with more than two batches' worth of old rows, and recent ones mixed in.
        int expired = 12_345;
        db.dsl().execute("insert into " + SCHEMA + ".processed_event (consumer, event_id, processed_at) "
                + "select 'game.ledger', gen_random_uuid(), now() - interval '40 days' + g * interval '1 second' "
                + "from generate_series(1, " + expired + ") g");
        db.dsl().execute("insert into " + SCHEMA + ".processed_event (consumer, event_id, processed_at) "
                + "select 'game.ledger', gen_random_uuid(), now() - g * interval '1 minute' "
                + "from generate_series(1, 300) g");
        InboxSettings settings = InboxSettings.defaults();
        assertThat(expired).isGreaterThan(2 * settings.pruneBatchSize());

        long deleted = pruner(settings).pruneOnce();

        assertThat(deleted).isEqualTo(expired);
        assertThat(rows()).isEqualTo(300);
        assertThat(meters.counter("ore.inbox.pruned", "schema", SCHEMA).count()).isEqualTo(expired);
        assertThat(pruner(settings).pruneOnce()).as("a second run finds nothing").isZero();
    }

    @Test
    void aDuplicateWithinTheRetentionIsStillSkippedAfterAPruneRun() {
        UUID processedNow = Ids.newId();
        assertThat(markInOwnTransaction("game.rewards-settled", processedNow)).isTrue();
        UUID processedLastWeek = insertProcessedDaysAgo("game.rewards-settled", 7);
        UUID processedLongAgo = insertProcessedDaysAgo("game.rewards-settled", 45);

        assertThat(pruner(InboxSettings.defaults()).pruneOnce()).isEqualTo(1);

        assertThat(markInOwnTransaction("game.rewards-settled", processedNow)).as("redelivered at once").isFalse();
        assertThat(markInOwnTransaction("game.rewards-settled", processedLastWeek)).as("redelivered a week later").isFalse();
        // The contract's other side: past the retention the id is forgotten. No copy of the event is
        // still in Kafka by then (InboxSettings), so this cannot happen outside a test.
        assertThat(markInOwnTransaction("game.rewards-settled", processedLongAgo)).isTrue();
    }

    @Test
    void aRunStopsWhileAnotherInstanceHoldsTheLock() throws Exception {
        insertProcessedDaysAgo("game.ledger", 60);
        var locked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> db.dsl().transaction(c -> {
            c.dsl().execute("select pg_advisory_xact_lock(" + InboxPruner.lockKey(SCHEMA) + ")");
            locked.countDown();
            release.await(30, TimeUnit.SECONDS);
        }));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pruner(InboxSettings.defaults()).pruneOnce()).isZero();
            assertThat(rows()).isEqualTo(1);
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
        assertThat(pruner(InboxSettings.defaults()).pruneOnce()).as("once the other instance is done").isEqualTo(1);
    }

    @Test
    void theRetentionIsTheSetting() {
        insertProcessedDaysAgo("game.ledger", 3);
        insertProcessedDaysAgo("game.ledger", 1);
        var twoDays = new InboxSettings(true, Duration.ofDays(2), Duration.ofMinutes(15), 5000);

        assertThat(pruner(twoDays).pruneOnce()).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theLockKeyIsStableAndPerSchema() {
        assertThat(InboxPruner.lockKey(SCHEMA)).isNotEqualTo(InboxPruner.lockKey("other"));
        assertThat(InboxPruner.lockKey(SCHEMA)).isEqualTo(InboxPruner.lockKey(SCHEMA));
    }

    private InboxPruner pruner(InboxSettings settings) {
        return new InboxPruner(db.dsl(), outbox, settings, meters);
    }

    private UUID insertProcessedDaysAgo(String consumer, int days) {
        UUID id = Ids.newId();
        db.dsl().execute("insert into " + SCHEMA + ".processed_event (consumer, event_id, processed_at) "
                + "values (?, ?, now() - ? * interval '1 day')", consumer, id, days);
        return id;
    }

    private boolean markInOwnTransaction(String consumer, UUID id) {
        return db.dsl().transactionResult(c -> processed.markProcessed(c.dsl(), consumer, id));
    }

    private int rows() {
        return db.dsl().fetchCount(ProcessedEvents.table(SCHEMA));
    }
}
