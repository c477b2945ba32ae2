package ore.game.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ore.game.app.port.HoldStore;
import ore.game.domain.hold.Hold;
import ore.game.domain.node.OreType;
import ore.game.domain.reward.Reward;
import ore.core.id.Ids;
import ore.game.app.port.EventInbox;
import ore.game.app.port.Leaderboard;
import ore.game.app.port.Ledger;
import ore.game.app.port.MineRequestStore;
import ore.game.app.port.PlayerStore;
import ore.game.app.port.RewardStore;
import ore.game.app.port.Transactions;
import ore.game.domain.ledger.LedgerTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDPR erasure (Art. 17) of what game-service holds about a player, on auth-service's
 * {@code UserDeleted}.
 *
 * <p>A ledger must keep balancing, so nothing is deleted from it: the player's ore moves to the
 * {@code purged} accounts (reason {@code purge}) and the player's accounts are detached from the
 * player id, which leaves their history anonymous. Claims keep their amounts, status and tx hash (the
 * payout is public on-chain anyway) but lose the player id, wallet and key. Stored mine answers are
 * deleted, the player leaves the leaderboards, and a tombstone keeps access tokens issued before the
 * deletion (valid up to 15 minutes) from playing again.
 */
@Singleton
public class PrivacyService {

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);
    static final String CONSUMER = "game.user-lifecycle";

    private final Transactions tx;
    private final EventInbox inbox;
    private final PlayerStore players;
    private final Ledger ledger;
    private final RewardStore rewards;
    private final MineRequestStore requests;
    private final Leaderboard leaderboard;
    private final HoldStore holds;
    private final Clock clock;

    /** Everything game-service holds about a player (GDPR Art. 15/20), holds included. */
    public record PlayerExport(UUID playerId, Map<OreType, Long> inventory, Instant lastMinedAt, boolean held,
                               List<Hold> holds, List<Reward> rewards) {
    }

    public PrivacyService(Transactions tx, EventInbox inbox, PlayerStore players, Ledger ledger, RewardStore rewards,
                          MineRequestStore requests, Leaderboard leaderboard, HoldStore holds, Clock clock) {
        this.holds = holds;
        this.tx = tx;
        this.inbox = inbox;
        this.players = players;
        this.ledger = ledger;
        this.rewards = rewards;
        this.requests = requests;
        this.leaderboard = leaderboard;
        this.clock = clock;
    }

    /** The player's data: balances, mining clock, holds (active and past) and every claim. */
    public PlayerExport export(UUID playerId) {
        return tx.inTransaction(() -> {
            var state = players.find(playerId);
            var claims = new ArrayList<Reward>();
            Optional<UUID> before = Optional.empty();
            List<Reward> page;
            do {
                page = rewards.ofPlayer(playerId, before, 200);
                claims.addAll(page);
                before = page.isEmpty() ? Optional.empty() : Optional.of(page.getLast().id());
            } while (page.size() == 200);
            return new PlayerExport(playerId, ledger.balances(playerId),
                    state.map(PlayerStore.PlayerState::lastMinedAt).orElse(null),
                    state.map(PlayerStore.PlayerState::held).orElse(false), holds.ofPlayer(playerId), claims);
        });
    }

    /**
     * Purges the player, once per event id; returns false for a redelivered event. Leaving the
     * leaderboards is part of the handling, not an afterthought: it runs on every delivery (it is
     * idempotent) and a failure throws, so the consumer retries the event until the player is off
     * every board, including after a redelivery whose database part was already done.
     */
    public boolean purge(UUID eventId, UUID playerId) {
        Instant now = Timestamps.now(clock);
        boolean purged = tx.inTransaction(() -> {
            if (!inbox.firstTime(CONSUMER, eventId)) {
                return false;
            }
            players.lock(playerId, now);
            players.markDeleted(playerId, now);
            // Claims first, then accounts: the settlement consumer locks a claim before the ledger
            // accounts, and taking them in the same order here cannot deadlock with it.
            int claims = rewards.anonymise(playerId);
            ledger.balances(playerId).forEach((ore, balance) -> {
                if (balance > 0) {
                    ledger.post(LedgerTransaction.purge(Ids.newId(clock), playerId, ore, balance, now));
                }
            });
            ledger.anonymise(playerId);
            int answers = requests.deleteOfPlayer(playerId);
            holds.deleteOfPlayer(playerId);
            LOG.info("Purged player {}: {} claims anonymised, {} stored answers deleted", playerId, claims, answers);
            return true;
        });
        leaderboard.remove(playerId, now);
        return purged;
    }
}
