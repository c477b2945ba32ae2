package ore.game.adapter.out.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ledger's deferred checks run from PL/pgSQL, which keeps a plan per connection. A pooled
 * connection that first ran them on an empty ledger (every new deployment) must not keep scanning the
 * whole of {@code ledger_entry} at every commit once the ledger has grown.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerCheckPlansTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of("ore.game.kafka.consumers-enabled", "false"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    @Test
    void aConnectionThatCheckedAnEmptyLedgerUsesTheIndexOnceItHasGrown() throws SQLException {
        try (Connection session = dataSource.getConnection(); Connection loader = dataSource.getConnection()) {
            // More than five postings: PL/pgSQL then settles on a generic plan, made for an empty table.
            for (int i = 0; i < 8; i++) {
                post(session);
                session.commit();
            }
            // The ledger grows through other connections: 5,000 balanced transactions.
            loader.setAutoCommit(false);
            // (No temporary table here: creating a session's temporary schema resets every cached plan.)
            try (var s = loader.createStatement()) {
                s.execute("""
                        with t as (insert into game.ledger_tx (id, reason, reference, created_at)
                                   select gen_random_uuid(), 'mined', 'bulk', now() from generate_series(1, 5000) returning id)
                        insert into game.ledger_entry (tx_id, account_id, amount)
                        select t.id, a.id, case a.code when 'world:copper' then -1 else 1 end
                          from t cross join game.account a where a.code in ('world:copper', 'world:iron')""");
            }
            loader.commit();

            // The next posting on the old connection: its checks (run now, not at commit) must find
            // the transaction's entries through the primary key, not by reading all 10,000 rows.
            // (The backend's counters include earlier transactions not yet reported: compare.)
            session.setAutoCommit(false);
            long[] before = scans(session);
            post(session);
            try (var s = session.createStatement()) {
                s.execute("set constraints all immediate");
            }
            long[] after = scans(session);
            assertThat(after[1] - before[1]).as("index scans of ledger_entry").isPositive();
            assertThat(after[0] - before[0]).as("full scans of ledger_entry").isZero();
            session.rollback();
        }
    }

    /** Full and index scans of ledger_entry this connection has made (and not yet reported). */
    private static long[] scans(Connection c) throws SQLException {
        try (var s = c.createStatement(); var r = s.executeQuery(
                "select seq_scan, idx_scan from pg_stat_xact_user_tables where schemaname = 'game' and relname = 'ledger_entry'")) {
            assertThat(r.next()).isTrue();
            return new long[] {r.getLong("seq_scan"), r.getLong("idx_scan")};
        }
    }

    /** One balanced transaction between two world accounts, in the connection's open transaction. */
    private static void post(Connection c) throws SQLException {
        c.setAutoCommit(false);
        UUID id = UUID.randomUUID();
        try (var tx = c.prepareStatement("insert into game.ledger_tx (id, reason, reference, created_at) values (?, 'mined', 'plan', now())");
             var entries = c.prepareStatement("""
                     insert into game.ledger_entry (tx_id, account_id, amount)
                     select ?, id, case code when 'world:copper' then -1 else 1 end
                       from game.account where code in ('world:copper', 'world:iron')""")) {
            tx.setObject(1, id);
            tx.executeUpdate();
            entries.setObject(1, id);
            assertThat(entries.executeUpdate()).isEqualTo(2);
        }
    }
}
