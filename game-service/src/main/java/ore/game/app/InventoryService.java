package ore.game.app;

import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ore.game.app.port.Ledger;
import ore.game.domain.GameErrors;
import ore.game.domain.node.OreType;

/** A player's ore: balances and the ledger lines behind them. */
@Singleton
public class InventoryService {

    public static final int MAX_PAGE = 100;

    public record HistoryPage(List<Ledger.HistoryLine> lines, Optional<UUID> nextCursor) {
    }

    private final Ledger ledger;

    public InventoryService(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Every ore type, zero when the player has none. */
    public Map<OreType, Long> inventory(UUID playerId) {
        var all = new EnumMap<OreType, Long>(OreType.class);
        for (OreType t : OreType.values()) {
            all.put(t, 0L);
        }
        all.putAll(ledger.balances(playerId));
        return all;
    }

    /** Newest first; {@code cursor} is the {@code nextCursor} of the previous page. */
    public HistoryPage history(UUID playerId, Optional<UUID> cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw GameErrors.invalidParameter("invalid_limit", "limit must be from 1 to " + MAX_PAGE + ".");
        }
        var lines = ledger.history(playerId, cursor, limit + 1);
        if (lines.size() <= limit) {
            return new HistoryPage(lines, Optional.empty());
        }
        // A transaction has one line per player account it touched, and one ore each: one line per tx.
        var page = lines.subList(0, limit);
        return new HistoryPage(List.copyOf(page), Optional.of(page.getLast().txId()));
    }
}
