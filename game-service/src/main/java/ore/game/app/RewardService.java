package ore.game.app;

import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import ore.core.id.Ids;
import ore.game.app.port.EventInbox;
import ore.game.app.port.EventOutbox;
import ore.game.app.port.Ledger;
import ore.game.app.port.PlayerStore;
import ore.game.app.port.RealtimeFanout;
import ore.game.app.port.SettlementConflicts;
import ore.game.domain.reward.SettlementConflict;
import ore.game.app.port.RewardStore;
import ore.game.app.port.Transactions;
import ore.game.domain.GameErrors;
import ore.game.domain.ledger.Account;
import ore.game.domain.ledger.LedgerTransaction;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.domain.node.OreType;
import ore.game.domain.reward.ClaimLimits;
import ore.game.domain.reward.Reward;
import ore.game.domain.reward.RewardRates;
import ore.game.domain.reward.RewardStatus;
import ore.game.domain.reward.Settlement;
import ore.game.domain.reward.WalletAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converting ore into ORE tokens.
 *
 * <p>A claim moves the ore from the player's inventory into escrow, records the reward and writes
 * {@code ore.rewards.requested} for chain-gateway, all in one transaction: either the claim exists
 * with its ore in escrow and its payout request, or nothing happened. chain-gateway answers on
 * {@code ore.rewards.settled}: paid (the escrowed ore goes to the paid sink, the claim is final with
 * its tx hash) or failed (the ore goes back to the player). Settlements are applied once per event
 * id and once per claim: a claim in a final state ignores later verdicts.
 */
@Singleton
public class RewardService {

    private static final Logger LOG = LoggerFactory.getLogger(RewardService.class);
    static final String SETTLED_CONSUMER = "game.rewards-settled";
    public static final int MAX_PAGE = 100;

    public record Claim(OreType ore, OptionalLong amount) {
    }

    private final RewardRates rates;
    private final ClaimLimits limits;
    private final Transactions tx;
    private final PlayerStore players;
    private final Ledger ledger;
    private final RewardStore rewards;
    private final EventOutbox outbox;
    private final EventInbox inbox;
    private final RealtimeFanout realtime;
    private final SettlementConflicts conflicts;
    private final Clock clock;

    public RewardService(RewardRates rates, ClaimLimits limits, Transactions tx, PlayerStore players, Ledger ledger,
                         RewardStore rewards, EventOutbox outbox, EventInbox inbox, RealtimeFanout realtime,
                         SettlementConflicts conflicts, Clock clock) {
        this.conflicts = conflicts;
        this.rates = rates;
        this.limits = limits;
        this.tx = tx;
        this.players = players;
        this.ledger = ledger;
        this.rewards = rewards;
        this.outbox = outbox;
        this.inbox = inbox;
        this.realtime = realtime;
        this.clock = clock;
    }

    /**
     * Claims {@code amount} of the ore (all of it when absent) for the wallet of the player's token.
     * With an Idempotency-Key, a retry returns the claim made the first time.
     *
     * @return the claim and whether it was created now (false: an earlier claim with this key)
     */
    public ClaimOutcome claim(UUID playerId, Optional<String> walletClaim, Claim claim, Optional<IdempotencyKey> key) {
        claim.amount().ifPresent(limits::check);
        BigInteger rate = rates.rate(claim.ore()).orElseThrow(() -> GameErrors.oreNotClaimable(claim.ore().code()));
        WalletAddress wallet = walletClaim.flatMap(WalletAddress::fromClaim).orElseThrow(GameErrors::walletRequired);
        Instant now = Timestamps.now(clock);
        ClaimOutcome outcome = tx.inTransaction(() -> {
            var player = players.lock(playerId, now);
            if (player.deleted()) {
                throw GameErrors.accountDeleted();
            }
            if (player.held()) {
                throw GameErrors.playerHeld();
            }
            if (key.isPresent()) {
                Optional<Reward> earlier = rewards.byClientKey(playerId, key.get().value());
                if (earlier.isPresent()) {
                    return replay(earlier.get(), claim);
                }
            }
            Account inventory = Account.player(playerId, claim.ore());
            // "All of it" is capped at the largest claim; what is left can be claimed next.
            long amount = claim.amount().isPresent() ? claim.amount().getAsLong()
                    : Math.min(ledger.lockBalance(inventory), limits.maxAmount());
            if (amount < limits.minAmount()) {
                throw GameErrors.insufficientOre();
            }
            UUID rewardId = Ids.newId(clock);
            var balances = ledger.post(LedgerTransaction.claim(Ids.newId(clock), playerId, claim.ore(), amount, rewardId, now));
            var reward = new Reward(rewardId, playerId, wallet.value(), claim.ore(), amount,
                    rate.multiply(BigInteger.valueOf(amount)), RewardStatus.REQUESTED, null, null, now, null,
                    key.map(IdempotencyKey::value).orElse(null));
            rewards.insert(reward);
            outbox.publish(GameEvents.REWARDS_REQUESTED_TOPIC, GameEvents.REWARD_REQUESTED, rewardId.toString(),
                    new GameEvents.RewardRequested(rewardId, playerId, wallet.value(), reward.tokenAmount().toString(), now));
            outbox.publish(GameEvents.GAME_TOPIC, GameEvents.REWARD_STATUS_CHANGED, playerId.toString(),
                    statusChanged(reward, now));
            return new ClaimOutcome(reward, true, balances.get(inventory));
        });
        if (outcome.created()) {
            Reward r = outcome.reward();
            realtime.toPlayer(playerId, new RealtimeMessages.InventoryChanged(r.ore().code(), outcome.balanceAfter(),
                    -r.oreAmount(), "claim", now));
            realtime.toPlayer(playerId, new RealtimeMessages.RewardStatus(r.id(), r.status().code(), null, now));
        }
        return outcome;
    }

    public record ClaimOutcome(Reward reward, boolean created, long balanceAfter) {
    }

    private static ClaimOutcome replay(Reward earlier, Claim claim) {
        boolean same = earlier.ore() == claim.ore()
                && (claim.amount().isEmpty() || claim.amount().getAsLong() == earlier.oreAmount());
        if (!same) {
            throw GameErrors.idempotencyKeyReused();
        }
        return new ClaimOutcome(earlier, false, -1);
    }

    public record RewardPage(List<Reward> rewards, Optional<UUID> nextCursor) {
    }

    /** Newest first; {@code before} is the {@code nextCursor} of the previous page. */
    public RewardPage rewardsOf(UUID playerId, Optional<UUID> before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw GameErrors.invalidParameter("invalid_limit", "limit must be from 1 to " + MAX_PAGE + ".");
        }
        List<Reward> found = rewards.ofPlayer(playerId, before, limit + 1);
        if (found.size() <= limit) {
            return new RewardPage(found, Optional.empty());
        }
        List<Reward> page = List.copyOf(found.subList(0, limit));
        return new RewardPage(page, Optional.of(page.getLast().id()));
    }

    /**
     * Applies chain-gateway's verdict, once per event id. Unknown claims and claims already final are
     * logged and skipped: the event may be a duplicate, or from another environment sharing the topic.
     *
     * @return true when the claim changed
     */
    public boolean settle(UUID eventId, Settlement s) {
        Instant now = Timestamps.now(clock);
        Optional<Settled> changed = tx.inTransaction(() -> {
            if (!inbox.firstTime(SETTLED_CONSUMER, eventId)) {
                return Optional.<Settled>empty();
            }
            Optional<Reward> found = rewards.lock(s.rewardId());
            if (found.isEmpty()) {
                LOG.warn("Settlement for unknown reward {} skipped", s.rewardId());
                return Optional.<Settled>empty();
            }
            Reward reward = found.get();
            if (reward.status().isFinal()) {
                if (reward.status() != s.status()) {
                    // PAID after FAILED: the ore went back to the player AND the tokens were paid. Neither
                    // is undone automatically; the conflict is recorded (and counted) for reconciliation.
                    LOG.error("Reward {} is already {}; contradicting settlement {} recorded for reconciliation",
                            reward.id(), reward.status(), s.status());
                    conflicts.record(new SettlementConflict(eventId, reward.id(), reward.status(), s.status(),
                            s.txHash(), s.reason(), now, null, null, null));
                }
                return Optional.<Settled>empty();
            }
            Reward settled = reward.settled(s, now);
            UUID txId = Ids.newId(clock);
            var balances = ledger.post(s.status() == RewardStatus.PAID
                    ? LedgerTransaction.paid(txId, reward.ore(), reward.oreAmount(), reward.id(), now)
                    : LedgerTransaction.refund(txId, reward.playerId(), reward.ore(), reward.oreAmount(), reward.id(), now));
            rewards.updateSettlement(settled);
            String key = reward.playerId() != null ? reward.playerId().toString() : reward.id().toString();
            outbox.publish(GameEvents.GAME_TOPIC, GameEvents.REWARD_STATUS_CHANGED, key, statusChanged(settled, now));
            Long refunded = reward.playerId() == null ? null : balances.get(Account.player(reward.playerId(), reward.ore()));
            return Optional.of(new Settled(settled, refunded));
        });
        changed.filter(c -> c.reward().playerId() != null).ifPresent(c -> {
            Reward r = c.reward();
            realtime.toPlayer(r.playerId(), new RealtimeMessages.RewardStatus(r.id(), r.status().code(), r.txHash(), now));
            if (c.balanceAfterRefund() != null) {
                realtime.toPlayer(r.playerId(), new RealtimeMessages.InventoryChanged(r.ore().code(),
                        c.balanceAfterRefund(), r.oreAmount(), "refund", now));
            }
        });
        return changed.isPresent();
    }

    /** Settlements that contradicted a final status and are not reconciled yet, oldest first. */
    public List<SettlementConflict> openConflicts(int limit) {
        return tx.inTransaction(() -> conflicts.open(Math.min(Math.max(limit, 1), MAX_PAGE)));
    }

    /** Marks a conflict reconciled (what was done goes into the note). */
    public void resolveConflict(UUID id, String by, String note) {
        Instant now = Timestamps.now(clock);
        tx.inTransaction(() -> {
            if (!conflicts.resolve(id, now, by, note)) {
                throw GameErrors.conflictNotFound();
            }
            return null;
        });
    }

    /** A settled claim and, after a refund to a player, their new balance of the ore. */
    private record Settled(Reward reward, Long balanceAfterRefund) {
    }

    private static GameEvents.RewardStatusChanged statusChanged(Reward r, Instant at) {
        return new GameEvents.RewardStatusChanged(r.id(), r.playerId(), r.status().code(), r.ore().code(), r.oreAmount(),
                r.tokenAmount().toString(), r.txHash(), r.failureReason(), at);
    }
}
