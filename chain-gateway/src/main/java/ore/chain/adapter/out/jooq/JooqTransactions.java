package ore.chain.adapter.out.jooq;

import jakarta.inject.Singleton;
import java.util.Set;
import java.util.function.Supplier;
import ore.chain.app.port.Transactions;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jOOQ transactions shared by the stores through a {@link ScopedValue}: inside {@link #inTransaction}
 * every store's {@link #dsl()} is the transaction's context; outside it is the pool's (auto-commit).
 * Serialization failures and deadlocks are retried.
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

    @Override
    public boolean tryLock(String name) {
        return Boolean.TRUE.equals(requireTransaction().select(
                DSL.field("pg_try_advisory_xact_lock(hashtextextended({0}, 0))", Boolean.class, DSL.val(name)))
                .fetchOne(0, Boolean.class));
    }

    public DSLContext dsl() {
        return CURRENT.isBound() ? CURRENT.get() : dsl;
    }

    public DSLContext requireTransaction() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("must be called inside Transactions.inTransaction");
        }
        return CURRENT.get();
    }
}
