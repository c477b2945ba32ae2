package ore.auth.adapter.out.jooq;

import jakarta.inject.Singleton;
import ore.auth.app.port.Transactions;
import ore.events.jooq.JooqTransactionScope;
import org.jooq.DSLContext;

/** The {@link Transactions} port on jOOQ: the shared scope ({@link JooqTransactionScope}) as is. */
@Singleton
public class JooqTransactions extends JooqTransactionScope implements Transactions {

    public JooqTransactions(DSLContext dsl) {
        super(dsl);
    }
}
