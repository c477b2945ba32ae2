package ore.chain.adapter.out.jooq;

import static ore.chain.adapter.out.jooq.generated.Tables.RPC_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import ore.chain.app.RequestBudget;
import ore.chain.app.RequestBudgetContract;
import ore.chain.app.port.BudgetLedger;
import ore.chain.testing.ChainDatabase;
import ore.chain.testing.MutableClock;
import ore.chain.testing.TcpProxy;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The budget contract on PostgreSQL ({@code chain.rpc_budget}, migrated by Flyway): every
 * {@link #connect()} is a pool of its own, as a separate gateway instance has. Plus what only a
 * database can do: be unreachable, and be inside somebody else's transaction.
 */
class JooqBudgetLedgerTest extends RequestBudgetContract {

    private ChainDatabase db;

    @BeforeAll
    void createDatabase() {
        db = ChainDatabase.create();
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected BudgetLedger connect() {
        return new JooqBudgetLedger(db.connect(3));
    }

    @Test
    void anUnreachableDatabaseFailsClosedOnceTheLeasedBlockIsSpent() {
        String ep = endpoint();
        MutableClock clock = MutableClock.at("2025-06-14T10:00:00Z");
        try (TcpProxy proxy = new TcpProxy(db.serverPort())) {
            RequestBudget b = budget(new JooqBudgetLedger(db.connectThrough(proxy, 2)), ep, 1000, 0, 50, clock);
            assertThat(drain(b, 10)).isEqualTo(10);

            proxy.stop();
            assertThat(drain(b, 1000)).as("the rest of the leased block, then nothing").isEqualTo(40);
            assertThat(b.ledgerFailures()).isEqualTo(1);
            assertThat(b.tryAcquire()).isFalse();
            assertThat(b.ledgerFailures()).as("not tried again before the recheck").isEqualTo(1);
            clock.advance(RECHECK);
            assertThat(b.tryAcquire()).as("still down").isFalse();
            assertThat(b.ledgerFailures()).isEqualTo(2);

            proxy.restart();
            clock.advance(RECHECK);
            assertThat(b.tryAcquire()).as("the database is back").isTrue();
            assertThat(connect().spent(ep, "2025-06-14")).isEqualTo(100);
        }
    }

    @Test
    void theLedgerSaysUnavailableRatherThanHanging() {
        try (TcpProxy proxy = new TcpProxy(db.serverPort())) {
            BudgetLedger ledger = new JooqBudgetLedger(db.connectThrough(proxy, 1));
            proxy.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> ledger.lease(endpoint(), "2025-06-14", 10, 5, Instant.now()))
                    .isInstanceOf(BudgetLedger.LedgerUnavailableException.class);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
        }
    }

    @Test
    void aLeaseIsNotPartOfTheCallersTransaction() {
        DSLContext dsl = db.connect(3);
        JooqTransactions tx = new JooqTransactions(dsl);
        BudgetLedger ledger = new JooqBudgetLedger(dsl);
        String ep = endpoint();
        Instant now = Instant.parse("2025-06-14T10:00:00Z");
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            assertThat(ledger.lease(ep, "2025-06-14", 100, 40, now).granted()).isEqualTo(40);
            throw new IllegalStateException("the caller's work fails and rolls back");
        })).hasMessageContaining("rolls back");
        // The lease was handed out (the requests may have been spent), so it stays counted.
        assertThat(ledger.spent(ep, "2025-06-14")).isEqualTo(40);
        assertThat(dsl.select(RPC_BUDGET.BUDGET, RPC_BUDGET.LAST_LEASE).from(RPC_BUDGET)
                .where(RPC_BUDGET.ENDPOINT.eq(ep)).fetchOne().intoArray()).containsExactly(100L, 40L);
    }
}
