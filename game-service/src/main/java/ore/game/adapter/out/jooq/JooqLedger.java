package ore.game.adapter.out.jooq;

import static ore.game.adapter.out.jooq.generated.Tables.ACCOUNT;
import static ore.game.adapter.out.jooq.generated.Tables.LEDGER_ENTRY;
import static ore.game.adapter.out.jooq.generated.Tables.LEDGER_TX;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import ore.game.app.port.Ledger;
import ore.game.domain.GameErrors;
import ore.game.domain.ledger.Account;
import ore.game.domain.ledger.AccountKind;
import ore.game.domain.ledger.Entry;
import ore.game.domain.ledger.LedgerTransaction;
import ore.game.domain.ledger.Reason;
import ore.game.domain.node.OreType;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The ledger in PostgreSQL (tables {@code account}, {@code ledger_tx}, {@code ledger_entry}). The
 * database applies each entry to its account's balance (trigger) and checks at commit that every
 * transaction balances; this class locks the accounts in code order, refuses a posting that would
 * make a holding negative before writing anything, and writes the transaction and its entries.
 *
 * <p>The world accounts are never locked nor updated (their balance is not materialized), so mining
 * does not serialize on them. The non-player accounts are created by the migration; their ids never
 * change and are cached. Player accounts are created on their first posting.
 */
@Singleton
public class JooqLedger implements Ledger {

    private final JooqTransactions tx;
    private final Clock clock;
    private final Map<String, Long> sharedAccountIds = new ConcurrentHashMap<>();

    public JooqLedger(JooqTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Map<Account, Long> post(LedgerTransaction t) {
        DSLContext db = tx.requireTransaction();
        List<Entry> entries = t.entries().stream().sorted(Comparator.comparing(e -> e.account().code())).toList();
        var after = new HashMap<Account, Long>();
        var ids = new HashMap<Account, Long>();
        for (Entry e : entries) {
            Account a = e.account();
            if (a.kind() == AccountKind.WORLD) {
                ids.put(a, sharedId(db, a));
                continue;
            }
            Record2<Long, Long> row = lockOrCreate(db, a);
            long balance = row.value2() + e.amount();
            if (balance < 0) {
                throw GameErrors.insufficientOre();
            }
            ids.put(a, row.value1());
            after.put(a, balance);
        }
        // The balances above are locked until commit, so the writes can wait for the next round trip.
        DSLContext builder = tx.builder();
        tx.defer(builder.insertInto(LEDGER_TX)
                .set(LEDGER_TX.ID, t.id())
                .set(LEDGER_TX.REASON, t.reason().code())
                .set(LEDGER_TX.REFERENCE, t.reference())
                .set(LEDGER_TX.CREATED_AT, t.at()));
        var insert = builder.insertInto(LEDGER_ENTRY, LEDGER_ENTRY.TX_ID, LEDGER_ENTRY.ACCOUNT_ID, LEDGER_ENTRY.AMOUNT);
        for (Entry e : entries) {
            insert = insert.values(t.id(), ids.get(e.account()), e.amount());
        }
        tx.defer(insert);
        return after;
    }

    @Override
    public Map<OreType, Long> balances(UUID playerId) {
        var result = new EnumMap<OreType, Long>(OreType.class);
        tx.dsl().select(ACCOUNT.ORE, ACCOUNT.BALANCE).from(ACCOUNT)
                .where(ACCOUNT.PLAYER_ID.eq(playerId).and(ACCOUNT.KIND.eq(AccountKind.PLAYER.code())))
                .forEach(r -> OreType.byCode(r.value1()).ifPresent(ore -> result.put(ore, r.value2())));
        return result;
    }

    @Override
    public long lockBalance(Account account) {
        if (account.kind() == AccountKind.WORLD) {
            throw new IllegalArgumentException("the world's balance is not materialized");
        }
        return tx.requireTransaction().select(ACCOUNT.BALANCE).from(ACCOUNT)
                .where(ACCOUNT.CODE.eq(account.code())).forUpdate()
                .fetchOptional(ACCOUNT.BALANCE).orElse(0L);
    }

    @Override
    public List<HistoryLine> history(UUID playerId, Optional<UUID> beforeTx, int limit) {
        var condition = ACCOUNT.PLAYER_ID.eq(playerId).and(ACCOUNT.KIND.eq(AccountKind.PLAYER.code()));
        if (beforeTx.isPresent()) {
            condition = condition.and(LEDGER_ENTRY.TX_ID.lt(beforeTx.get()));
        }
        return tx.dsl().select(LEDGER_TX.ID, LEDGER_TX.REASON, LEDGER_TX.REFERENCE, ACCOUNT.ORE, LEDGER_ENTRY.AMOUNT,
                        LEDGER_TX.CREATED_AT)
                .from(LEDGER_ENTRY)
                .join(ACCOUNT).on(ACCOUNT.ID.eq(LEDGER_ENTRY.ACCOUNT_ID))
                .join(LEDGER_TX).on(LEDGER_TX.ID.eq(LEDGER_ENTRY.TX_ID))
                .where(condition)
                .orderBy(LEDGER_ENTRY.TX_ID.desc())
                .limit(limit)
                .fetch(r -> new HistoryLine(r.value1(), Reason.byCode(r.value2()), r.value3(),
                        OreType.byCode(r.value4()).orElseThrow(), r.value5(), r.value6()));
    }

    @Override
    public void anonymise(UUID playerId) {
        tx.requireTransaction().update(ACCOUNT)
                .set(ACCOUNT.CODE, DSL.concat(DSL.inline("anon:"), ACCOUNT.ID.cast(String.class)))
                .setNull(ACCOUNT.PLAYER_ID)
                .where(ACCOUNT.PLAYER_ID.eq(playerId))
                .execute();
    }

    /** (id, balance) of the account, locked until commit; created with balance 0 on first use. */
    private Record2<Long, Long> lockOrCreate(DSLContext db, Account a) {
        var select = db.select(ACCOUNT.ID, ACCOUNT.BALANCE).from(ACCOUNT).where(ACCOUNT.CODE.eq(a.code())).forUpdate();
        var row = select.fetchOne();
        if (row != null) {
            return row;
        }
        insertIfAbsent(db, a, 0L);
        return select.fetchSingle();
    }

    private long sharedId(DSLContext db, Account a) {
        // Seeded by the migration and never changed: safe to cache even if this transaction rolls back.
        return sharedAccountIds.computeIfAbsent(a.code(), code ->
                db.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.CODE.eq(code)).fetchSingle(ACCOUNT.ID));
    }

    private void insertIfAbsent(DSLContext db, Account a, Long balance) {
        db.insertInto(ACCOUNT)
                .set(ACCOUNT.CODE, a.code())
                .set(ACCOUNT.KIND, a.kind().code())
                .set(ACCOUNT.PLAYER_ID, a.playerId())
                .set(ACCOUNT.ORE, a.ore().code())
                .set(ACCOUNT.BALANCE, balance)
                .set(ACCOUNT.CREATED_AT, clock.instant())
                .onConflict(ACCOUNT.CODE).doNothing()
                .execute();
    }
}
