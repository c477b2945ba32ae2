package ore.game.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.util.Set;
import java.util.function.Supplier;
import ore.game.app.port.Transactions;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jOOQ transactions shared by the stores through a {@link ScopedValue}: inside
 * {@link #inTransaction} every store's {@link #dsl()} is the transaction's context; outside it is
 * the pool's (one statement, auto-commit). Serialization failures and deadlocks are retried.
 */
@Singleton
public class JooqTransactions implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(JooqTransactions.class);
    private static final ScopedValue<DSLContext> CURRENT = ScopedValue.newInstance();
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
                return dsl.transactionResult(cfg -> ScopedValue.where(CURRENT, cfg.dsl()).call(work::get));
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(e.sqlState())) {
                    throw e;
                }
                LOG.info("Retrying transaction after {} (attempt {})", e.sqlState(), attempt);
            }
        }
    }

    /** The current transaction's context, or the pool's outside a transaction. */
    public DSLContext dsl() {
        return CURRENT.isBound() ? CURRENT.get() : dsl;
    }

    /** The current transaction's context; fails when called outside one. */
    public DSLContext requireTransaction() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("must be called inside Transactions.inTransaction");
        }
        return CURRENT.get();
    }

    static boolean uniqueViolation(DataAccessException e) {
        return "23505".equals(e.sqlState());
    }
}
