package ore.game.app.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.game.domain.reward.SettlementConflict;

/**
 * Settlements that contradicted a claim's final status, kept for reconciliation. Called inside a
 * transaction. Implementations also count recorded conflicts as a metric
 * ({@code ore.game.settlement.conflicts}), so an alert can fire.
 */
public interface SettlementConflicts {

    void record(SettlementConflict conflict);

    /** Unresolved conflicts, oldest first, at most {@code limit}. */
    List<SettlementConflict> open(int limit);

    /** Marks it resolved; false when there is no open conflict with this id. */
    boolean resolve(UUID id, Instant at, String by, String note);
}
