package ore.chain.testing;

import java.time.Duration;
import ore.chain.adapter.out.memory.MemoryBudgetLedger;
import ore.chain.app.BudgetSettings;

/** Request budget settings for tests that do not care where the counts live. */
public final class Budgets {

    private Budgets() {
    }

    /** A ledger of its own in memory, blocks of 200, rechecked every 30 s (the service's defaults). */
    public static BudgetSettings inMemory() {
        return new BudgetSettings(new MemoryBudgetLedger(), 200, Duration.ofSeconds(30));
    }
}
