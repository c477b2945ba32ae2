package ore.chain.adapter.out.memory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import ore.chain.app.port.BudgetLedger;

/**
 * {@link BudgetLedger} in this process's memory: shared by the budgets that are given the same
 * instance, forgotten at a restart. For tests and a single local process
 * ({@code ore.chain.rpc.budget-store=memory}); it keeps every period it saw, which is a few rows a day.
 */
public final class MemoryBudgetLedger implements BudgetLedger {

    private record Key(String endpoint, String period) {
    }

    private final Map<Key, Long> spent = new HashMap<>();

    @Override
    public synchronized Lease lease(String endpoint, String period, long limit, long want, Instant now) {
        if (limit < 1 || want < 0) {
            throw new IllegalArgumentException("limit must be >= 1 and want >= 0");
        }
        Key key = new Key(endpoint, period);
        long before = spent.getOrDefault(key, 0L);
        long granted = Math.min(want, Math.max(0, limit - before));
        spent.put(key, before + granted);
        return new Lease(granted, before + granted);
    }

    @Override
    public synchronized long spent(String endpoint, String period) {
        return spent.getOrDefault(new Key(endpoint, period), 0L);
    }

    @Override
    public synchronized void giveBack(String endpoint, String period, long unused, Instant now) {
        if (unused < 0) {
            throw new IllegalArgumentException("unused must be >= 0");
        }
        spent.computeIfPresent(new Key(endpoint, period), (k, v) -> Math.max(0, v - unused));
    }
}
