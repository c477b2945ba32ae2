package ore.location.api;

import static ore.location.adapter.out.jooq.generated.Tables.POSITION_HISTORY;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.location.app.PositionHistory;
import ore.location.app.port.HistoryStore;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The partitioned history table on the real PostgreSQL: idempotent writes, partitions on demand, retention. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryStoreTest implements TestPropertyProvider {

    @Inject
    HistoryStore store;

    @Inject
    PositionHistory history;

    @Inject
    DSLContext dsl;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of("ore.location.history.enabled", "false"));
    }

    private static HistoryStore.Row row(UUID player, Instant at) {
        return new HistoryStore.Row(UUID.randomUUID(), player, at, Instant.now(), 37.5, 127.0, 5, null, null, "TRUSTED", "",
                null, false, "89283082803ffff");
    }

    private List<LocalDate> partitions() {
        return dsl.fetch("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                        + "join pg_class p on p.oid = i.inhparent where p.relname = 'position_history'")
                .getValues(0, String.class).stream()
                .map(n -> LocalDate.parse(n.substring("position_history_p".length()), java.time.format.DateTimeFormatter.BASIC_ISO_DATE))
                .sorted().toList();
    }

    @Test
    void startUpCreatesTheComingDaysAndWritesAreIdempotent() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(partitions()).contains(today.minusDays(1), today, today.plusDays(1), today.plusDays(2));
        UUID player = UUID.randomUUID();
        var rows = List.of(row(player, Instant.now().minusSeconds(5)), row(player, Instant.now()));
        assertThat(store.write(rows)).isEqualTo(2);
        assertThat(store.write(rows)).as("redelivered").isZero();
        assertThat(dsl.fetchCount(POSITION_HISTORY, POSITION_HISTORY.PLAYER_ID.eq(player))).isEqualTo(2);
    }

    @Test
    void aMissingDayIsCreatedOnDemandAndOldDaysAreDropped() {
        UUID player = UUID.randomUUID();
        Instant longAgo = LocalDate.now(ZoneOffset.UTC).minusDays(40).atTime(12, 0).toInstant(ZoneOffset.UTC);
        assertThat(store.write(List.of(row(player, longAgo)))).isEqualTo(1);
        assertThat(partitions()).contains(LocalDate.now(ZoneOffset.UTC).minusDays(40));

        history.maintain();   // retention 30 days
        assertThat(partitions()).doesNotContain(LocalDate.now(ZoneOffset.UTC).minusDays(40))
                .contains(LocalDate.now(ZoneOffset.UTC));
        assertThat(dsl.fetchCount(POSITION_HISTORY, POSITION_HISTORY.PLAYER_ID.eq(player))).isZero();
    }
}
