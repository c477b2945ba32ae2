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
 * locking the player's row, so one player's requests run one at a time: the key is checked again
 * under the lock (a racing retry finds the first answer), then the cooldown, then one unit is taken
 * from the node ({@code remaining > 0}, atomic: of many players racing for the last unit one gets
 * it), moved from the world to the player in the ledger, and the answer, the player's cooldown clock
 * and the events are stored with it.
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

        StoredMine answer = tx.inTransaction(() -> mineLocked(playerId, node, key, now));
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
        Optional<StoredMine> raced = requests.find(playerId, key);
        if (raced.isPresent()) {
            // A racing request with this key finished first: the same answer as a later retry gets,
            // including idempotency_key_reused when it was for another node (depleted or not).
            StoredMine stored = raced.get();
            if (!stored.nodeId().equals(node.id())) {
                throw GameErrors.idempotencyKeyReused();
            }
            return stored.depleted() ? stored : new StoredMine(stored.nodeId(), replay(stored, node.id()));
        }
        if (player.held()) {
            throw GameErrors.playerHeld();
        }
        rules.cooldownLeft(player.lastMinedAt(), now).ifPresent(left -> {
            throw GameErrors.cooldown(left);
        });
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
