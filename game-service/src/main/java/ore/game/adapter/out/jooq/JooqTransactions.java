package ore.game.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import ore.game.app.port.Transactions;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jOOQ transactions shared by the stores through a {@link ScopedValue}: inside
 * {@link #inTransaction} every store's {@link #dsl()} is the transaction's context; outside it is
 * the pool's (one statement, auto-commit). Serialization failures and deadlocks are retried.
 *
 * <p>Writes whose result nobody reads (inserting ledger entries, the stored answer, the cooldown
 * clock) can be {@linkplain #defer deferred}: they are sent together, in order, as one JDBC batch
 * (one round trip) before the next statement of the transaction or before commit. Mining writes four
 * such rows; batching them takes three round trips off every mine. A failing deferred write fails
 * the transaction just the same, only a little later.
 */
@Singleton
public class JooqTransactions implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(JooqTransactions.class);
    private static final ScopedValue<DSLContext> CURRENT = ScopedValue.newInstance();
    private static final ScopedValue<List<Query>> DEFERRED = ScopedValue.newInstance();
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;

    private final DSLContext dsl;

    public JooqTransactions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (CURRENT.isBound()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(cfg -> ScopedValue.where(CURRENT, cfg.dsl())
                        .where(DEFERRED, new ArrayList<>())
                        .call(() -> {
                            T result = work.get();
                            flush();
                            return result;
                        }));
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(e.sqlState())) {
                    throw e;
                }
                LOG.info("Retrying transaction after {} (attempt {})", e.sqlState(), attempt);
            }
        }
    }

    /** The current transaction's context (after sending deferred writes), or the pool's outside a transaction. */
    public DSLContext dsl() {
        return CURRENT.isBound() ? requireTransaction() : dsl;
    }

    /** The current transaction's context, after sending its deferred writes; fails outside a transaction. */
    public DSLContext requireTransaction() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("must be called inside Transactions.inTransaction");
        }
        flush();
        return CURRENT.get();
    }

    /** The current transaction's context for building a query to {@link #defer}; does not flush. */
    DSLContext builder() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("must be called inside Transactions.inTransaction");
        }
        return CURRENT.get();
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
            CURRENT.get().batch(batch).execute();
        }
    }
}
