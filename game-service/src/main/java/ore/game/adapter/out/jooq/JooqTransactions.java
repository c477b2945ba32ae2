package ore.game.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import ore.events.jooq.JooqTransactionScope;
import ore.game.app.port.Transactions;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The {@link Transactions} port on jOOQ: the shared scope ({@link JooqTransactionScope}) with
 * deferred writes. Writes whose result nobody reads (inserting ledger entries, the stored answer, the
 * cooldown clock) can be {@linkplain #defer deferred}: they are sent together, in order, as one JDBC
 * batch (one round trip) before the next statement of the transaction or before commit. Mining writes
 * four such rows; batching them takes three round trips off every mine. A failing deferred write fails
 * the transaction just the same, only a little later.
 */
@Singleton
public class JooqTransactions extends JooqTransactionScope implements Transactions {

    private static final ScopedValue<List<Query>> DEFERRED = ScopedValue.newInstance();

    public JooqTransactions(DSLContext dsl) {
        super(dsl);
    }

    @Override
    protected <T> T runInside(Supplier<T> work) {
        return ScopedValue.where(DEFERRED, new ArrayList<>()).call(() -> {
            T result = work.get();
            flush();
            return result;
        });
    }

    /** The current transaction's context, after sending its deferred writes; fails outside a transaction. */
    @Override
    public DSLContext requireTransaction() {
        DSLContext tx = current();
        flush();
        return tx;
    }

    /** The current transaction's context for building a query to {@link #defer}; does not flush. */
    DSLContext builder() {
        return current();
    }

    /** Sends {@code write} with the transaction's next statement or at commit, batched with other deferred writes. */
    void defer(Query write) {
        if (!DEFERRED.isBound()) {
            throw new IllegalStateException("must be called inside Transactions.inTransaction");
        }
        DEFERRED.get().add(write);
    }

    private void flush() {
        List<Query> pending = DEFERRED.get();
        if (pending.isEmpty()) {
            return;
        }
        var batch = List.copyOf(pending);
        pending.clear();
        if (batch.size() == 1) {
            batch.getFirst().execute();
        } else {
            current().batch(batch).execute();
        }
    }
}
