package ore.chain.app.port;

import java.time.Instant;

/**
 * The requests of rate-limited RPC endpoints, counted per endpoint and period (a UTC day or month,
 * named by {@code ore.chain.domain.budget.BudgetPeriod#key}), shared by every instance that uses the
 * same ledger. Instances do not count each call here: they lease blocks of requests and spend them
 * locally ({@code ore.chain.app.RequestBudget}), so the ledger is asked once per block.
 *
 * <p>Implementations: PostgreSQL (production, shared across instances and restarts) and memory (one
 * process; tests).
 */
public interface BudgetLedger {

    /**
     * Reserves up to {@code want} requests of the period's {@code limit} for {@code endpoint},
     * atomically against every other caller: the grant is {@code min(want, limit - spent)}, never
     * negative, and the period's count grows by exactly the grant.
     *
     * @throws LedgerUnavailableException when the ledger cannot be reached or does not answer
     */
    Lease lease(String endpoint, String period, long limit, long want, Instant now);

    /**
     * The period's count as it stands (0 when nothing was leased yet): for the remaining-budget gauges.
     *
     * @throws LedgerUnavailableException when the ledger cannot be reached or does not answer
     */
    long spent(String endpoint, String period);

    /**
     * Gives back {@code unused} requests of an earlier lease that will not be spent (a graceful
     * shutdown). Best effort: callers log a failure and go on.
     *
     * @throws LedgerUnavailableException when the ledger cannot be reached or does not answer
     */
    void giveBack(String endpoint, String period, long unused, Instant now);

    /**
     * The outcome of {@link #lease}.
     *
     * @param granted requests now reserved for the caller (0 when the period's budget is spent)
     * @param spent   the period's count after this lease: requests leased by all instances so far
     *                (spent or still held), less what was given back
     */
    record Lease(long granted, long spent) {
    }

    /** The ledger cannot be reached (database down, pool exhausted, timeout). */
    final class LedgerUnavailableException extends RuntimeException {
        public LedgerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
