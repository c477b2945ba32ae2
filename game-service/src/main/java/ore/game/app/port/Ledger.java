package ore.game.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ore.game.domain.ledger.Account;
import ore.game.domain.ledger.LedgerTransaction;
import ore.game.domain.ledger.Reason;
import ore.game.domain.node.OreType;

/**
 * The double-entry ledger of ore.
 *
 * <p>Contract: {@link #post} stores a balanced transaction in the current database transaction and
 * moves the balances of its accounts with it; when a holding account (anything but the world) would
 * go negative it throws {@code game.insufficient_ore} and stores nothing. The storage enforces the
 * same invariants on its own (balanced at commit, balances never negative, entries immutable), so a
 * bug in a caller cannot break them. Accounts are locked in a fixed order (by code), so concurrent
 * postings cannot deadlock on them.
 */
public interface Ledger {

    /** One entry of a player's history. */
    record HistoryLine(UUID txId, Reason reason, String reference, OreType ore, long amount, Instant at) {
    }

    /** Stores the transaction; returns the balances after it of the accounts it touched (the world's excepted). */
    Map<Account, Long> post(LedgerTransaction tx);

    /** The player's balance of every ore they ever held (zero balances included). */
    Map<OreType, Long> balances(UUID playerId);

    /** The balance of one holding account (0 when it has no entries yet); locks it until the end of the transaction. */
    long lockBalance(Account account);

    /** The player's entries, newest first, older than {@code beforeTx} when given. */
    List<HistoryLine> history(UUID playerId, Optional<UUID> beforeTx, int limit);

    /** Detaches the player's accounts from the player id (GDPR): their entries stay, anonymous. */
    void anonymise(UUID playerId);
}
