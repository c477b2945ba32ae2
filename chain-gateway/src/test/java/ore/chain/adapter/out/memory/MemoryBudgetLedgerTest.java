package ore.chain.adapter.out.memory;

import ore.chain.app.RequestBudgetContract;
import ore.chain.app.port.BudgetLedger;

/** The budget contract in memory: "instances" share one ledger object, as budgets of one process do. */
class MemoryBudgetLedgerTest extends RequestBudgetContract {

    private final MemoryBudgetLedger ledger = new MemoryBudgetLedger();

    @Override
    protected BudgetLedger connect() {
        return ledger;
    }
}
