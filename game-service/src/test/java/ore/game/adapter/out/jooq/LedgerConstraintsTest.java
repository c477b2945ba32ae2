package ore.game.adapter.out.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import ore.core.error.DomainException;
import ore.game.app.port.Ledger;
import ore.game.app.port.Transactions;
import ore.game.domain.ledger.Account;
import ore.game.domain.ledger.LedgerTransaction;
import ore.game.domain.node.OreType;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ledger's invariants hold in the database itself, whatever writes to it: plain SQL that
 * bypasses the application is refused just the same.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerConstraintsTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();

    @Inject
    DSLContext db;

    @Inject
    Ledger ledger;

    @Inject
    Transactions tx;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of("ore.game.kafka.consumers-enabled", "false"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    private long accountId(String code) {
        return (Long) db.fetchValue("select id from game.account where code = ?", code);
    }

    /** A player account holding {@code units} copper, mined through the ledger. */
    private long playerWith(UUID player, long units) {
        tx.run(() -> ledger.post(LedgerTransaction.mined(UUID.randomUUID(), player, OreType.COPPER, units, "n", Instant.now())));
        return accountId(Account.player(player, OreType.COPPER).code());
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                return s.getSQLState();
            }
        }
        return null;
    }

    @Test
    void anUnbalancedTransactionCannotCommit() {
        long world = accountId("world:copper");
        long player = playerWith(UUID.randomUUID(), 1);
        assertThatThrownBy(() -> db.transaction(c -> {
            UUID id = UUID.randomUUID();
            c.dsl().execute("insert into game.ledger_tx (id, reason, reference, created_at) values (?, 'mined', 'x', now())", id);
            c.dsl().execute("insert into game.ledger_entry (tx_id, account_id, amount) values (?, ?, -1), (?, ?, 2)",
                    id, world, id, player);
        })).satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514")).rootCause().hasMessageContaining("does not balance");
    }

    @Test
    void aTransactionWithoutEntriesCannotCommit() {
        assertThatThrownBy(() -> db.transaction(c -> c.dsl().execute(
                "insert into game.ledger_tx (id, reason, reference, created_at) values (?, 'mined', 'x', now())",
                UUID.randomUUID()))).rootCause().hasMessageContaining("has no entries");
    }

    @Test
    void aPlayerBalanceCannotGoNegativeEvenInABalancedTransaction() {
        long player = playerWith(UUID.randomUUID(), 2);
        long escrow = accountId("rewards:escrow:copper");
        assertThatThrownBy(() -> db.transaction(c -> {
            UUID id = UUID.randomUUID();
            c.dsl().execute("insert into game.ledger_tx (id, reason, reference, created_at) values (?, 'claim', 'x', now())", id);
            c.dsl().execute("insert into game.ledger_entry (tx_id, account_id, amount) values (?, ?, -3), (?, ?, 3)",
                    id, player, id, escrow);
        })).satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514")).rootCause().hasMessageContaining("account_balance_ck");
        assertThat(db.fetchValue("select balance from game.account where id = ?", player)).isEqualTo(2L);
    }

    @Test
    void balancesCannotBeSetNegativeDirectly() {
        long player = playerWith(UUID.randomUUID(), 1);
        assertThatThrownBy(() -> db.execute("update game.account set balance = -1 where id = ?", player))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("account_balance_ck");
    }

    @Test
    void entriesAreImmutable() {
        long player = playerWith(UUID.randomUUID(), 1);
        assertThatThrownBy(() -> db.execute("update game.ledger_entry set amount = 100 where account_id = ?", player))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> db.execute("delete from game.ledger_entry where account_id = ?", player))
                .hasMessageContaining("immutable");
    }

    @Test
    void theLedgerPortRefusesAnOverdraftAndWritesNothing() {
        UUID player = UUID.randomUUID();
        playerWith(player, 2);
        long txBefore = ((Number) db.fetchValue("select count(*) from game.ledger_tx")).longValue();
        assertThatThrownBy(() -> tx.run(() -> ledger.post(LedgerTransaction.claim(UUID.randomUUID(), player, OreType.COPPER,
                3, UUID.randomUUID(), Instant.now())))).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("code", "game.insufficient_ore");
        assertThat(((Number) db.fetchValue("select count(*) from game.ledger_tx")).longValue()).isEqualTo(txBefore);
        assertThat(ledger.balances(player)).containsEntry(OreType.COPPER, 2L);
    }

    @Test
    void theWorldIsMinusEverythingElse() {
        playerWith(UUID.randomUUID(), 7);
        var sums = db.fetchOne("select sum(e.amount) filter (where a.kind = 'world') as world, "
                + "sum(e.amount) filter (where a.kind <> 'world') as others, "
                + "(select sum(balance) from game.account where kind <> 'world') as balances "
                + "from game.ledger_entry e join game.account a on a.id = e.account_id");
        long world = ((Number) sums.get("world")).longValue();
        assertThat(world).isNegative();
        assertThat(((Number) sums.get("others")).longValue()).isEqualTo(-world);
        assertThat(((Number) sums.get("balances")).longValue()).isEqualTo(-world);
    }
}
