package ore.events.jooq;

import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jOOQ transactions that the stores of a service share through a {@link ScopedValue}: inside
 * {@link #inTransaction} every store's {@link #dsl()} is the transaction's context (and the outbox
 * writes in it too); outside, it is the pool's (one statement, auto-commit). A nested call joins the
 * outer transaction. Serialization failures and deadlocks run the whole work again, up to three
 * times, so the work must have no effects outside the database.
 *
 * <p>Each service's {@code JooqTransactions} adapter extends this and implements the service's own
 * {@code Transactions} port; a service that needs more inside the scope (game-service batches
 * deferred writes) overrides {@link #runInside}.
 */
public abstract class JooqTransactionScope {

    private static final Logger LOG = LoggerFactory.getLogger(JooqTransactionScope.class);
    private static final ScopedValue<DSLContext> CURRENT = ScopedValue.newInstance();
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;

    private final DSLContext pool;

    protected JooqTransactionScope(DSLContext pool) {
        this.pool = pool;
    }

    public <T> T inTransaction(Supplier<T> work) {
        if (CURRENT.isBound()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return JdbcTransaction.run(pool, tx -> ScopedValue.where(CURRENT, tx).call(() -> runInside(work)));
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(e.sqlState())) {
                    throw e;
                }
                LOG.info("Retrying transaction after {} (attempt {})", e.sqlState(), attempt);
            }
        }
    }

    public void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Runs the work with the transaction bound; an override may bind more around it. */
    protected <T> T runInside(Supplier<T> work) {
        return work.get();
    }

    /** The current transaction's context, or the pool's outside a transaction. */
    public DSLContext dsl() {
        return CURRENT.isBound() ? requireTransaction() : pool;
    }

    /** The current transaction's context; fails when called outside one. */
    public DSLContext requireTransaction() {
        return current();
    }

    /** The bound context as it is, for subclasses that add to {@link #requireTransaction}. */
    protected static DSLContext current() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("must be called inside Transactions.inTransaction");
        }
        return CURRENT.get();
    }

    /** PostgreSQL's unique_violation: the row (or key) is already there. */
    public static boolean uniqueViolation(DataAccessException e) {
        return "23505".equals(e.sqlState());
    }
}
