package ore.chain.adapter.out.jooq;

import static ore.chain.adapter.out.jooq.generated.Tables.RPC_BUDGET;

import java.time.Instant;
import ore.chain.app.port.BudgetLedger;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@link BudgetLedger} on {@code chain.rpc_budget}, shared by every instance on the database and kept
 * across restarts. A lease is one statement:
 *
 * <pre>
 * insert into chain.rpc_budget ... values (endpoint, period, limit, least(want, limit), ...)
 * on conflict (endpoint, period) do update
 *   set last_lease = least(want, greatest(0, limit - spent)), spent = spent + (the same)
 * returning last_lease, spent
 * </pre>
 *
 * which the row lock makes atomic: concurrent leases queue on the row and never hand out more than
 * {@code limit} together.
 *
 * <p>Runs on the pool's own connections in auto-commit, <b>never</b> inside the caller's
 * {@code Transactions} scope: an RPC call made inside an indexer or payout transaction must not
 * have its lease rolled back with that transaction, nor hold the row lock until it commits. Each
 * statement is bounded by {@link #QUERY_TIMEOUT_SECONDS} (plus the pool's connection timeout).
 */
public final class JooqBudgetLedger implements BudgetLedger {

    static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DSLContext dsl;

    public JooqBudgetLedger(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Lease lease(String endpoint, String period, long limit, long want, Instant now) {
        if (limit < 1 || want < 0) {
            throw new IllegalArgumentException("limit must be >= 1 and want >= 0");
        }
        var b = RPC_BUDGET;
        long first = Math.min(want, limit);
        Field<Long> grant = DSL.least(DSL.val(want), DSL.greatest(DSL.val(0L), DSL.val(limit).minus(b.SPENT)));
        try {
            Record2<Long, Long> r = dsl.insertInto(b)
                    .set(b.ENDPOINT, endpoint).set(b.PERIOD, period).set(b.BUDGET, limit)
                    .set(b.SPENT, first).set(b.LAST_LEASE, first).set(b.UPDATED_AT, now)
                    .onConflict(b.ENDPOINT, b.PERIOD).doUpdate()
                    .set(b.LAST_LEASE, grant)
                    .set(b.SPENT, b.SPENT.plus(grant))
                    .set(b.BUDGET, limit)
                    .set(b.UPDATED_AT, now)
                    .returningResult(b.LAST_LEASE, b.SPENT)
                    .queryTimeout(QUERY_TIMEOUT_SECONDS)
                    .fetchOne();
            if (r == null) {
                throw new IllegalStateException("the budget upsert returned no row");
            }
            return new Lease(r.value1(), r.value2());
        } catch (DataAccessException e) {
            throw unavailable("lease", endpoint, period, e);
        }
    }

    @Override
    public long spent(String endpoint, String period) {
        var b = RPC_BUDGET;
        try {
            Long spent = dsl.select(b.SPENT).from(b).where(b.ENDPOINT.eq(endpoint), b.PERIOD.eq(period))
                    .queryTimeout(QUERY_TIMEOUT_SECONDS).fetchOne(b.SPENT);
            return spent == null ? 0 : spent;
        } catch (DataAccessException e) {
            throw unavailable("read", endpoint, period, e);
        }
    }

    @Override
    public void giveBack(String endpoint, String period, long unused, Instant now) {
        if (unused < 0) {
            throw new IllegalArgumentException("unused must be >= 0");
        }
        var b = RPC_BUDGET;
        try {
            dsl.update(b).set(b.SPENT, DSL.greatest(DSL.val(0L), b.SPENT.minus(unused))).set(b.UPDATED_AT, now)
                    .where(b.ENDPOINT.eq(endpoint), b.PERIOD.eq(period))
                    .queryTimeout(QUERY_TIMEOUT_SECONDS).execute();
        } catch (DataAccessException e) {
            throw unavailable("give back", endpoint, period, e);
        }
    }

    private static LedgerUnavailableException unavailable(String what, String endpoint, String period,
                                                          DataAccessException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;    // the driver's or pool's words, not the SQL
        return new LedgerUnavailableException("budget ledger " + what + " for " + endpoint + " " + period
                + " failed: " + cause.getMessage(), e);
    }
}
