package ore.game.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import ore.core.id.Ids;
import ore.game.app.port.EventOutbox;
import ore.game.app.port.Leaderboard;
import ore.game.app.port.MineGuard;
import ore.game.app.port.Ledger;
import ore.game.app.port.MineRequestStore;
import ore.game.app.port.MineRequestStore.StoredMine;
import ore.game.app.port.NodeCapacityStore;
import ore.game.app.port.PlayerProximity;
import ore.game.app.port.PlayerStore;
import ore.game.app.port.RealtimeFanout;
import ore.game.app.port.Transactions;
import ore.game.domain.GameErrors;
import ore.game.domain.ledger.Account;
import ore.game.domain.ledger.LedgerTransaction;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.domain.mining.MiningRules;
import ore.game.domain.node.NodeId;
import ore.game.domain.node.OreNode;

/**
 * Mining one unit of ore from a node, exactly once per Idempotency-Key.
 *
 * <p>The checks that need no lock come first: a stored answer for the key is replayed at once (even
 * if the player has moved or location-service is down: the effect already happened); then the node
 * must exist and be of a minable hour, and location-service must place the player within reach,
 * outside no-play zones, with a fresh fix. The effect then happens in one transaction that starts by
 * locking the player's row, so one player's requests run one at a time: the cooldown, then one
 * unit is taken from the node ({@code remaining > 0}, atomic: of many players racing for the last
 * unit one gets it), moved from the world to the player in the ledger, and the answer, the player's
 * cooldown clock and the events are stored with it. A racing request with the same key (Redis lost
 * the in-flight mark) cannot store a second answer: the key is the stored answers' primary key, so
 * its transaction fails and it answers with the first one.
 *
 * <p>Answers stored under a key: success and "depleted" (final for that request). Refusals that can
 * change on their own (too far, stale position, no-play zone, cooldown, unavailable) leave the key
 * unused, so the client may retry with it. Leaderboard and realtime updates follow the commit.
 */
@Singleton
public class MiningService {

    private final NodeCatalog catalog;
    private final PlayerProximity proximity;
    private final MiningRules rules;
    private final Transactions tx;
    private final PlayerStore players;
    private final MineRequestStore requests;
    private final NodeCapacityStore capacities;
    private final Ledger ledger;
    private final EventOutbox outbox;
    private final Leaderboard leaderboard;
    private final RealtimeFanout realtime;
    private final MineGuard guard;
    private final Clock clock;

    /** How long a request may stay marked in flight (well above the location deadline plus the transaction). */
    static final java.time.Duration IN_FLIGHT_TTL = java.time.Duration.ofSeconds(5);
    private static final java.time.Duration IN_FLIGHT_POLL = java.time.Duration.ofMillis(25);

    public MiningService(NodeCatalog catalog, PlayerProximity proximity, MiningRules rules, Transactions tx,
                         PlayerStore players, MineRequestStore requests, NodeCapacityStore capacities, Ledger ledger,
                         EventOutbox outbox, Leaderboard leaderboard, RealtimeFanout realtime, MineGuard guard,
                         Clock clock) {
        this.guard = guard;
        this.catalog = catalog;
        this.proximity = proximity;
        this.rules = rules;
        this.tx = tx;
        this.players = players;
        this.requests = requests;
        this.capacities = capacities;
        this.ledger = ledger;
        this.outbox = outbox;
        this.leaderboard = leaderboard;
        this.realtime = realtime;
        this.clock = clock;
    }

    public MineResult mine(UUID playerId, NodeId nodeId, IdempotencyKey key) {
        Optional<StoredMine> earlier = requests.find(playerId, key);
        if (earlier.isPresent()) {
            return replay(earlier.get(), nodeId);
        }
        if (!guard.begin(playerId, key, IN_FLIGHT_TTL)) {
            return awaitInFlight(playerId, nodeId, key);
        }
        try {
            return mineOnce(playerId, nodeId, key);
        } finally {
            guard.end(playerId, key);
        }
    }

    /**
     * A retry of a request still in flight: waits for the first attempt's stored answer (and replays
     * it) rather than checking the position again, which could refuse a mine that is happening.
     */
    private MineResult awaitInFlight(UUID playerId, NodeId nodeId, IdempotencyKey key) {
        long deadline = System.nanoTime() + IN_FLIGHT_TTL.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StoredMine> stored = requests.find(playerId, key);
            if (stored.isPresent()) {
                return replay(stored.get(), nodeId);
            }
            if (guard.begin(playerId, key, IN_FLIGHT_TTL)) {
                // The first attempt ended without an answer (a refusal that leaves the key unused).
                try {
                    return mineOnce(playerId, nodeId, key);
                } finally {
                    guard.end(playerId, key);
                }
            }
            try {
                Thread.sleep(IN_FLIGHT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw GameErrors.mineInProgress();
    }

    private MineResult mineOnce(UUID playerId, NodeId nodeId, IdempotencyKey key) {
        Instant now = Timestamps.now(clock);
        OreNode node = catalog.minable(nodeId, now);
        rules.checkPosition(proximity.locate(playerId, node.position(), rules.maxDistanceM()));

        StoredMine answer;
        try {
            answer = tx.inTransaction(() -> mineLocked(playerId, node, key, now));
        } catch (RuntimeException e) {
            if (!requests.keyTaken(e)) {
                throw e;
            }
            // A racing request with this key stored its answer first (this one was rolled back): it is
            // this request's answer too, as for a later retry.
            answer = raced(playerId, node, key).orElseThrow(() -> e);
        }
        if (answer.depleted()) {
            throw GameErrors.nodeDepleted();
        }
        MineResult result = answer.result();
        if (!result.replayed()) {
            afterCommit(playerId, node, result);
        }
        return result;
    }

    private StoredMine mineLocked(UUID playerId, OreNode node, IdempotencyKey key, Instant now) {
        var player = players.lock(playerId, now);
        if (player.deleted()) {
            throw GameErrors.accountDeleted();
        }
        // A racing request with this key may have finished while this one waited for the lock. Its
        // answer is looked up only where this one would refuse (a hold, the cooldown its own mine
        // started); otherwise saving this answer fails on the key and mineOnce looks it up then. That
        // keeps the lookup off the path of every successful mine.
        if (player.held()) {
            return raced(playerId, node, key).orElseThrow(GameErrors::playerHeld);
        }
        var cooldownLeft = rules.cooldownLeft(player.lastMinedAt(), now);
        if (cooldownLeft.isPresent()) {
            return raced(playerId, node, key).orElseThrow(() -> GameErrors.cooldown(cooldownLeft.get()));
        }
        OptionalInt remaining = capacities.take(node, 1, now);
        if (remaining.isEmpty()) {
            StoredMine depleted = new StoredMine(node.id(), null);
            requests.save(playerId, key, depleted, now);
            return depleted;
        }
        UUID mineId = Ids.newId(clock);
        var balances = ledger.post(LedgerTransaction.mined(mineId, playerId, node.ore(), 1, node.id().toString(), now));
        long balance = balances.get(Account.player(playerId, node.ore()));
        var result = new MineResult(mineId, node.id().toString(), node.ore(), 1, remaining.getAsInt(), balance, now, false);
        requests.save(playerId, key, new StoredMine(node.id(), result), now);
        players.recordMined(playerId, now);
        outbox.publish(GameEvents.GAME_TOPIC, GameEvents.ORE_MINED, playerId.toString(),
                new GameEvents.OreMined(mineId, playerId, result.nodeId(), node.id().cellHex(), node.ore().code(), 1,
                        remaining.getAsInt(), now));
        if (remaining.getAsInt() == 0) {
            outbox.publish(GameEvents.GAME_TOPIC, GameEvents.NODE_DEPLETED, playerId.toString(),
                    new GameEvents.NodeDepleted(result.nodeId(), node.id().cellHex(), playerId, now));
        }
        return new StoredMine(node.id(), result);
    }

    /**
     * The answer a racing request with this key stored, as a later retry would get it: replayed, or
     * "depleted", or idempotency_key_reused when it was for another node (depleted or not).
     */
    private Optional<StoredMine> raced(UUID playerId, OreNode node, IdempotencyKey key) {
        return requests.find(playerId, key).map(stored -> {
            if (!stored.nodeId().equals(node.id())) {
                throw GameErrors.idempotencyKeyReused();
            }
            return stored.depleted() ? stored : new StoredMine(stored.nodeId(), replay(stored, node.id()));
        });
    }

    /** The stored answer, if the retry asks for the same node; a key is never reused for another request. */
    private static MineResult replay(StoredMine stored, NodeId asked) {
        if (!stored.nodeId().equals(asked)) {
            throw GameErrors.idempotencyKeyReused();
        }
        if (stored.depleted()) {
            throw GameErrors.nodeDepleted();
        }
        return stored.result().asReplay();
    }

    private void afterCommit(UUID playerId, OreNode node, MineResult result) {
        leaderboard.add(playerId, result.amount(), result.minedAt());
        realtime.toPlayer(playerId, new RealtimeMessages.InventoryChanged(node.ore().code(), result.balance(),
                result.amount(), "mined", result.minedAt()));
        realtime.toCell(node.id().cellHex(), new RealtimeMessages.NodeCapacity(result.nodeId(), result.nodeRemaining(),
                result.minedAt()));
    }
}
