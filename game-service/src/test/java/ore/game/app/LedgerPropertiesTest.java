package ore.game.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import ore.core.error.DomainException;
import ore.game.app.port.PlayerProximity;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.domain.mining.Proximity;
import ore.game.domain.node.GeoPoint;
import ore.game.domain.node.NodeId;
import ore.game.domain.node.OreNode;
import ore.game.domain.node.OreType;
import ore.game.domain.reward.RewardStatus;
import ore.game.domain.reward.Settlement;
import ore.testkit.Need;
import ore.testkit.OreInfra;
import ore.testkit.PropertyChecks;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random sequences of mines, claims, settlements (paid, failed, redelivered), retries and purges,
 * run through the real services against the real PostgreSQL, next to a plain in-memory model of
 * what the balances must be. After every sequence: each ledger transaction sums to zero, no holding
 * is negative, every materialized balance equals the sum of its entries, and the players' balances
 * and the shared accounts' movements equal the model's.
 *
 * <p>QuickTheories drives the sequences from one seed, printed on stderr (rerun a failure with
 * {@code -Dore.pbt.seed=<seed>}), and shrinks a failing sequence towards fewer and simpler
 * operations.
 */
class LedgerPropertiesTest {

    static final String SPEC = "LedgerPropertiesTest";
    static ApplicationContext context;
    static MiningService mining;
    static RewardService rewards;
    static PrivacyService privacy;
    static NodeCatalog catalog;
    static DSLContext db;
    static List<OreNode> nodes;

    /** location-service says every player stands next to every node. */
    @Singleton
    @Replaces(PlayerProximity.class)
    @Requires(property = "spec.name", value = SPEC)
    static class Everywhere implements PlayerProximity {
        @Override
        public Proximity check(UUID playerId, GeoPoint point, double maxDistanceM) {
            return new Proximity(true, 1.0, true, 100, false);
        }
    }

    @BeforeAll
    static void start() {
        var props = new HashMap<String, Object>(OreInfra.micronautProperties(Need.POSTGRES, Need.REDIS, Need.KAFKA));
        props.put("spec.name", SPEC);
        props.put("ore.game.nodes.allow-dev-secret", "true");
        props.put("ore.game.mining.cooldown", "0s");
        props.put("ore.game.kafka.consumers-enabled", "false");
        props.put("ore.outbox.enabled", "false");
        props.put("micronaut.server.port", "-1");
        context = ApplicationContext.run(props, "test");
        mining = context.getBean(MiningService.class);
        rewards = context.getBean(RewardService.class);
        privacy = context.getBean(PrivacyService.class);
        catalog = context.getBean(NodeCatalog.class);
        db = context.getBean(DSLContext.class);
        nodes = catalog.near(new GeoPoint(37.5665, 126.9780), 1_000, Instant.now()).subList(0, 6);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    sealed interface Op {
    }

    record Mine(int player, int node) implements Op {
    }

    /** Mines again with the key of an earlier mine of the same player: must change nothing. */
    record Retry(int player, int which) implements Op {
    }

    record Claim(int player, int ore, int amount, boolean all) implements Op {
    }

    record Settle(int claim, boolean paid, boolean redeliver) implements Op {
    }

    record Purge(int player) implements Op {
    }

    static final int PLAYERS = 3;

    /** Examples per run. Each one drives up to 30 operations through the real services and database. */
    static final int EXAMPLES = 50;
    /**
     * Shrink attempts after a failure. QuickTheories' default (100 per example of its default 1000) runs
     * the whole sequence against PostgreSQL each time, which would take hours; the previous framework
     * bounded its shrinking by time (10 s) instead.
     */
    static final int SHRINK_CYCLES = 300;

    /** Up to 30 operations, weighted mine 10 : retry 2 : claim 4 : settle 3 : purge 1. */
    static Gen<List<Op>> sequences() {
        Gen<Integer> player = integers().between(0, PLAYERS - 1);
        Gen<Op> mine = player.zip(integers().between(0, 5), Mine::new);
        Gen<Op> retry = player.zip(integers().between(0, 99), Retry::new);
        Gen<Op> claim = player.zip(integers().between(0, 4), integers().between(1, 4),
                integers().between(0, 9).map(i -> i < 3), Claim::new);
        Gen<Op> settle = integers().between(0, 5).zip(arbitrary().pick(true, false), arbitrary().pick(true, false),
                Settle::new);
        Gen<Op> purge = player.map(Purge::new);
        return lists().of(Generate.frequency(
                Pair.of(10, mine), Pair.of(2, retry), Pair.of(4, claim), Pair.of(3, settle), Pair.of(1, purge)))
                .ofSizeBetween(1, 30);
    }

    /** The remaining units of each of the six nodes at the start of a sequence. */
    static Gen<List<Integer>> capacities() {
        return lists().of(integers().between(1, 4)).ofSize(6);
    }

    /** The expected state, computed without a database. */
    static final class Model {
        final UUID[] players = new UUID[PLAYERS];
        final Map<UUID, Map<OreType, Long>> balances = new HashMap<>();
        final Set<UUID> deleted = new HashSet<>();
        final Map<NodeId, Integer> remaining = new HashMap<>();
        final Map<UUID, List<String>> keys = new HashMap<>();
        final List<PendingClaim> claims = new ArrayList<>();
        final Map<OreType, Long> escrow = new EnumMap<>(OreType.class);
        final Map<OreType, Long> paid = new EnumMap<>(OreType.class);
        final Map<OreType, Long> purged = new EnumMap<>(OreType.class);
        long minedUnits;

        record PendingClaim(UUID rewardId, UUID player, OreType ore, long amount, UUID[] settledBy) {
        }

        long balance(UUID p, OreType ore) {
            return balances.getOrDefault(p, Map.of()).getOrDefault(ore, 0L);
        }

        void add(UUID p, OreType ore, long delta) {
            balances.computeIfAbsent(p, k -> new EnumMap<>(OreType.class)).merge(ore, delta, Long::sum);
        }
    }

    @Test
    void theLedgerStaysBalancedAndNeverNegative() {
        PropertyChecks.qt("LedgerPropertiesTest.theLedgerStaysBalancedAndNeverNegative")
                .withExamples(EXAMPLES)
                .withShrinkCycles(SHRINK_CYCLES)
                .forAll(sequences(), capacities())
                .checkAssert(this::runSequence);
    }

    /** One example: fresh players and node capacities, the operations, then the checks. */
    private void runSequence(List<Op> ops, List<Integer> units) {
        var model = new Model();
        for (int i = 0; i < PLAYERS; i++) {
            model.players[i] = UUID.randomUUID();
        }
        // Small, fresh capacities so that sequences run into depleted nodes.
        for (int i = 0; i < nodes.size(); i++) {
            OreNode n = nodes.get(i);
            db.execute("insert into game.node_capacity (node_id, hour, capacity, remaining, updated_at) values (?, ?, 1000, ?, now()) "
                    + "on conflict (node_id) do update set remaining = excluded.remaining", n.id().toString(), n.id().hour(), units.get(i));
            model.remaining.put(n.id(), units.get(i));
        }
        var sharedBefore = shared();

        for (Op op : ops) {
            apply(model, op);
        }

        assertThat(db.fetch("select tx_id from game.ledger_entry group by tx_id having sum(amount) <> 0")).isEmpty();
        assertThat(db.fetch("select id from game.account where kind <> 'world' and balance < 0")).isEmpty();
        assertThat(db.fetch("select a.id from game.account a left join game.ledger_entry e on e.account_id = a.id "
                + "where a.kind <> 'world' group by a.id, a.balance having a.balance <> coalesce(sum(e.amount), 0)")).isEmpty();
        for (UUID p : model.players) {
            var actual = ledgerBalances(p);
            for (OreType ore : OreType.values()) {
                assertThat(actual.getOrDefault(ore, 0L)).as(p + " " + ore).isEqualTo(model.deleted.contains(p) ? 0 : model.balance(p, ore));
            }
        }
        var sharedAfter = shared();
        for (OreType ore : OreType.values()) {
            assertThat(sharedAfter.get("rewards:escrow:" + ore.code()) - sharedBefore.get("rewards:escrow:" + ore.code()))
                    .as("escrow " + ore).isEqualTo(model.escrow.getOrDefault(ore, 0L));
            assertThat(sharedAfter.get("rewards:paid:" + ore.code()) - sharedBefore.get("rewards:paid:" + ore.code()))
                    .as("paid " + ore).isEqualTo(model.paid.getOrDefault(ore, 0L));
            assertThat(sharedAfter.get("purged:" + ore.code()) - sharedBefore.get("purged:" + ore.code()))
                    .as("purged " + ore).isEqualTo(model.purged.getOrDefault(ore, 0L));
        }
        assertThat(((Number) db.fetchValue("select coalesce(sum(amount), 0) from game.ledger_entry")).longValue()).isZero();
    }

    private void apply(Model m, Op op) {
        switch (op) {
            case Mine(int p, int n) -> {
                UUID player = m.players[p];
                OreNode node = nodes.get(n);
                String key = UUID.randomUUID().toString();
                String outcome = attempt(() -> mining.mine(player, node.id(), new IdempotencyKey(key)));
                if (m.deleted.contains(player)) {
                    assertThat(outcome).isEqualTo("game.account_deleted");
                } else if (m.remaining.get(node.id()) == 0) {
                    assertThat(outcome).isEqualTo("game.node_depleted");
                } else {
                    assertThat(outcome).isEqualTo("ok");
                    m.remaining.merge(node.id(), -1, Integer::sum);
                    m.add(player, node.ore(), 1);
                    m.keys.computeIfAbsent(player, k -> new ArrayList<>()).add(key + "|" + n);
                }
            }
            case Retry(int p, int which) -> {
                UUID player = m.players[p];
                var used = m.keys.getOrDefault(player, List.of());
                if (used.isEmpty() || m.deleted.contains(player)) {
                    return;
                }
                String[] keyAndNode = used.get(which % used.size()).split("\\|");
                OreNode node = nodes.get(Integer.parseInt(keyAndNode[1]));
                var replay = mining.mine(player, node.id(), new IdempotencyKey(keyAndNode[0]));
                assertThat(replay.replayed()).isTrue();
            }
            case Claim(int p, int o, int amount, boolean all) -> {
                UUID player = m.players[p];
                OreType ore = OreType.values()[o];
                var outcome = new RewardService.ClaimOutcome[1];
                String result = attempt(() -> outcome[0] = rewards.claim(player, java.util.Optional.of(
                        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), new RewardService.Claim(ore,
                        all ? OptionalLong.empty() : OptionalLong.of(amount)), java.util.Optional.empty()));
                long have = m.balance(player, ore);
                long wanted = all ? have : amount;
                if (m.deleted.contains(player)) {
                    assertThat(result).isEqualTo("game.account_deleted");
                } else if (wanted == 0 || have < wanted) {
                    assertThat(result).isEqualTo("game.insufficient_ore");
                } else {
                    assertThat(result).isEqualTo("ok");
                    assertThat(outcome[0].reward().oreAmount()).isEqualTo(wanted);
                    m.add(player, ore, -wanted);
                    m.escrow.merge(ore, wanted, Long::sum);
                    m.claims.add(new Model.PendingClaim(outcome[0].reward().id(), player, ore, wanted, new UUID[1]));
                }
            }
            case Settle(int c, boolean paid, boolean redeliver) -> {
                if (m.claims.isEmpty()) {
                    return;
                }
                var claim = m.claims.get(c % m.claims.size());
                UUID eventId = redeliver && claim.settledBy()[0] != null ? claim.settledBy()[0] : UUID.randomUUID();
                var settlement = new Settlement(claim.rewardId(), paid ? RewardStatus.PAID : RewardStatus.FAILED,
                        paid ? "0x" + "cd".repeat(32) : null, paid ? null : "test");
                boolean changed = rewards.settle(eventId, settlement);
                assertThat(changed).isEqualTo(claim.settledBy()[0] == null);
                if (!changed) {
                    return;
                }
                claim.settledBy()[0] = eventId;
                m.escrow.merge(claim.ore(), -claim.amount(), Long::sum);
                if (paid) {
                    m.paid.merge(claim.ore(), claim.amount(), Long::sum);
                } else if (m.deleted.contains(claim.player())) {
                    m.purged.merge(claim.ore(), claim.amount(), Long::sum);
                } else {
                    m.add(claim.player(), claim.ore(), claim.amount());
                }
            }
            case Purge(int p) -> {
                UUID player = m.players[p];
                assertThat(privacy.purge(UUID.randomUUID(), player)).isTrue();
                if (m.deleted.add(player)) {
                    for (OreType ore : OreType.values()) {
                        m.purged.merge(ore, m.balance(player, ore), Long::sum);
                    }
                    m.balances.remove(player);
                }
            }
        }
    }

    private static String attempt(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (DomainException e) {
            return e.code();
        }
    }

    private static Map<OreType, Long> ledgerBalances(UUID player) {
        var result = new EnumMap<OreType, Long>(OreType.class);
        db.fetch("select ore, balance from game.account where player_id = ?", player)
                .forEach(r -> result.put(OreType.byCode(r.get(0, String.class)).orElseThrow(), r.get(1, Long.class)));
        return result;
    }

    private static Map<String, Long> shared() {
        var result = new HashMap<String, Long>();
        db.fetch("select code, balance from game.account where kind in ('escrow', 'paid', 'purged')")
                .forEach(r -> result.put(r.get(0, String.class), r.get(1, Long.class)));
        return result;
    }
}
