package ore.chain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.BeanProvider;
import java.time.Duration;
import java.util.List;
import ore.chain.adapter.out.jooq.JooqBudgetLedger;
import ore.chain.adapter.out.memory.MemoryBudgetLedger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** {@code ore.chain.rpc.budget-store} picks the ledger; the database is only touched for postgres. */
class BudgetStoreWiringTest {

    private static ChainSettings.Rpc rpc(String store) {
        return new ChainSettings.Rpc(List.of("http://127.0.0.1:8545"), null, null, store, 200, Duration.ofSeconds(15),
                Duration.ofSeconds(3), 20, 5, 50, Duration.ofSeconds(15));
    }

    private static final BeanProvider<DSLContext> DSL_CONTEXT = () -> DSL.using(SQLDialect.POSTGRES);
    private static final BeanProvider<DSLContext> NO_DATABASE = () -> {
        throw new AssertionError("the memory store must not ask for a database");
    };

    @Test
    void postgresByDefaultMemoryOnRequestAnythingElseRefused() {
        ChainFactory factory = new ChainFactory();
        assertThat(factory.budgetLedger(rpc("postgres"), DSL_CONTEXT)).isInstanceOf(JooqBudgetLedger.class);
        assertThat(factory.budgetLedger(rpc(" Memory "), NO_DATABASE)).isInstanceOf(MemoryBudgetLedger.class);
        assertThatThrownBy(() -> factory.budgetLedger(rpc("redis"), NO_DATABASE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("budget-store");
    }
}
