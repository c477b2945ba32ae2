package ore.chain.adapter.out.jooq;

import jakarta.inject.Singleton;
import ore.chain.app.port.Transactions;
import ore.events.jooq.JooqTransactionScope;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@link Transactions} port on jOOQ: the shared scope ({@link JooqTransactionScope}) plus the
 * transaction-scoped advisory lock of the single-writer rule.
 */
@Singleton
public class JooqTransactions extends JooqTransactionScope implements Transactions {

    public JooqTransactions(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public boolean tryLock(String name) {
        return Boolean.TRUE.equals(requireTransaction().select(
                DSL.field("pg_try_advisory_xact_lock(hashtextextended({0}, 0))", Boolean.class, DSL.val(name)))
                .fetchOne(0, Boolean.class));
    }
}
