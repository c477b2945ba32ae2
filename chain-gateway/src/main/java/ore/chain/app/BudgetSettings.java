package ore.chain.app;

import java.time.Duration;
import java.util.Objects;
import ore.chain.app.port.BudgetLedger;

/**
 * How the request budgets of RPC endpoints are counted.
 *
 * @param ledger    where the counts live: shared by all instances (PostgreSQL) or by one process (memory)
 * @param leaseSize requests reserved from the ledger at a time and then spent without asking it again;
 *                  at most this many per endpoint and period are lost when an instance dies
 * @param recheck   how long an endpoint whose budget is spent, or whose ledger could not be reached,
 *                  stays skipped before the ledger is asked again; also how old the remaining figure
 *                  of the gauges may get
 */
public record BudgetSettings(BudgetLedger ledger, long leaseSize, Duration recheck) {

    public BudgetSettings {
        Objects.requireNonNull(ledger, "ledger");
        if (leaseSize < 1) {
            throw new IllegalArgumentException("leaseSize must be >= 1");
        }
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("recheck must be positive");
        }
    }
}
