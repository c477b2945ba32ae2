package ore.game.api;

import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.game.domain.node.GeoPoint;
import ore.game.domain.node.HexGrid;
import ore.game.domain.node.NodeId;
import ore.game.domain.node.NodeLifetime;
import ore.game.domain.node.NodeSpawner;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import ore.game.support.PeerStub.Answer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /api/game/mine: success, every refusal, and idempotency, over HTTP with the real database. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiningApiTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    NodeSpawner spawner;

    @Inject
    HexGrid grid;

    @Inject
    DSLContext db;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of());
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    private List<Map<String, Object>> nodes(String token) {
        var r = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.list("nodes");
    }

    private String ore(String token, String nodeId) {
        return (String) nodes(token).stream().filter(n -> nodeId.equals(n.get("nodeId"))).findFirst().orElseThrow()
                .get("ore");
    }

    private String someNode(String token) {
        var all = nodes(token);
        assertThat(all).isNotEmpty();
        // Spread players over nodes so tests do not deplete each other's.
        return (String) all.get((int) (Math.random() * all.size())).get("nodeId");
    }

    @Test
    void minesOneUnitAndTheInventoryAndLedgerShowIt() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var node = nodes(token).getFirst();
        String nodeId = (String) node.get("nodeId");

        var r = call(http, json, mine(token, nodeId, newKey()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.str("nodeId")).isEqualTo(nodeId);
        assertThat(r.str("ore")).isEqualTo(node.get("ore"));
        assertThat(r.num("amount")).isEqualTo(1);
        assertThat(r.num("balance")).isEqualTo(1);
        assertThat(r.num("nodeRemaining")).isEqualTo(((Number) node.get("remaining")).longValue() - 1);
        assertThat(r.json().get("replayed")).isEqualTo(false);

        var inventory = call(http, json, getAs("/api/game/inventory", token));
        assertThat(inventory.status()).isEqualTo(200);
        assertThat(inventory.list("items")).hasSize(5)
                .contains(Map.of("ore", node.get("ore"), "balance", 1));

        var ledger = call(http, json, getAs("/api/game/ledger", token));
        assertThat(ledger.list("entries")).singleElement().satisfies(line -> {
            assertThat(line).containsEntry("reason", "mined").containsEntry("amount", 1)
                    .containsEntry("reference", nodeId).containsEntry("txId", r.str("mineId"));
        });

        // The listing shows the node's new remaining capacity.
        var listed = nodes(token).stream().filter(n -> nodeId.equals(n.get("nodeId"))).findFirst().orElseThrow();
        assertThat(((Number) listed.get("remaining")).longValue()).isEqualTo(r.num("nodeRemaining"));
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameAnswerAndNoSecondUnit() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        String key = newKey();
        double minesBefore = meters.get("ore.game.mines").tags("ore", ore(token, nodeId)).counter().count();
        var first = call(http, json, mine(token, nodeId, key));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);

        var retry = call(http, json, mine(token, nodeId, key));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().get("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("replayed")).isEqualTo(true);
        for (String field : List.of("mineId", "nodeId", "ore", "amount", "nodeRemaining", "balance", "minedAt")) {
            assertThat(retry.json().get(field)).as(field).isEqualTo(first.json().get(field));
        }
        // Even with location-service down, the stored answer comes back: the effect already happened.
        peers.answer(player, q -> Answer.status(503));
        assertThat(call(http, json, mine(token, nodeId, key)).status()).isEqualTo(200);
        assertThat(balance(token, first.str("ore"))).isEqualTo(1);
        assertThat(meters.get("ore.game.mines").tags("ore", first.str("ore")).counter().count())
                .as("ore_game_mines_total counts the mine once, not its replays").isEqualTo(minesBefore + 1);
    }

    @Test
    void theSameKeyForAnotherNodeIs422() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var all = nodes(token);
        String key = newKey();
        assertThat(call(http, json, mine(token, (String) all.get(0).get("nodeId"), key)).status()).isEqualTo(200);
        var reused = call(http, json, mine(token, (String) all.get(1).get("nodeId"), key));
        assertProblem(reused, 422, "game.idempotency_key_reused");
    }

    @Test
    void keysAreScopedToThePlayer() {
        String key = newKey();
        String a = peers.playerToken(UUID.randomUUID());
        String b = peers.playerToken(UUID.randomUUID());
        String nodeId = someNode(a);
        var first = call(http, json, mine(a, nodeId, key));
        var second = call(http, json, mine(b, nodeId, key));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.str("mineId")).isNotEqualTo(first.str("mineId"));
    }

    @Test
    void theIdempotencyKeyIsRequiredAndChecked() {
        String token = peers.playerToken(UUID.randomUUID());
        String nodeId = someNode(token);
        assertProblem(call(http, json, mine(token, nodeId, null)), 400, "game.idempotency_key_missing");
        assertProblem(call(http, json, mine(token, nodeId, "short")), 400, "game.idempotency_key_invalid");
        assertProblem(call(http, json, mine(token, nodeId, "x".repeat(65))), 400, "game.idempotency_key_invalid");
        assertProblem(call(http, json, mine(token, nodeId, "has spaces in it")), 400, "game.idempotency_key_invalid");
    }

    @Test
    void malformedNodeIdsAre400() {
        String token = peers.playerToken(UUID.randomUUID());
        for (String bad : List.of("", "nope", "8928308280fffff", "8928308280FFFFF:1", "8928308280fffff:-1",
                "8928308280fffff:01", " 8928308280fffff:1", "8928308280fffff:99999999999")) {
            var r = call(http, json, mine(token, bad, newKey()));
            assertThat(r.status()).as(bad + " -> " + r.raw()).isEqualTo(400);
        }
    }

    @Test
    void cellsWithoutANodeAndInvalidCellsAreUnknown() {
        String token = peers.playerToken(UUID.randomUUID());
        long hour = NodeLifetime.hourOf(Instant.now());
        long home = grid.cellAt(new GeoPoint(LAT, LON), 9);
        long empty = grid.disk(home, 3).stream().filter(c -> spawner.nodeAt(c, hour).isEmpty()).findFirst().orElseThrow();
        assertProblem(call(http, json, mine(token, new NodeId(empty, hour).toString(), newKey())), 404, "game.node_unknown");
        // A resolution-8 cell is well-formed but not a node cell.
        long coarse = grid.cellAt(new GeoPoint(LAT, LON), 8);
        String coarseId = Long.toHexString(coarse) + ":" + hour;
        assertThat(call(http, json, mine(token, coarseId, newKey())).status()).isIn(400, 404);
    }

    @Test
    void futureAndPastHoursCannotBeMined() {
        String token = peers.playerToken(UUID.randomUUID());
        long hour = NodeLifetime.hourOf(Instant.now());
        long home = grid.cellAt(new GeoPoint(LAT, LON), 9);
        long next = grid.disk(home, 3).stream().filter(c -> spawner.nodeAt(c, hour + 1).isPresent()).findFirst().orElseThrow();
        assertProblem(call(http, json, mine(token, new NodeId(next, hour + 1).toString(), newKey())), 404, "game.node_unknown");
        long old = grid.disk(home, 3).stream().filter(c -> spawner.nodeAt(c, hour - 2).isPresent()).findFirst().orElseThrow();
        assertProblem(call(http, json, mine(token, new NodeId(old, hour - 2).toString(), newKey())), 404, "game.node_expired");
    }

    @Test
    void tooFarIsRefused() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        peers.answer(player, q -> Answer.near(q.playerId(), 41.0, 1_000, false));
        var r = call(http, json, mine(token, someNode(token), newKey()));
        assertProblem(r, 422, "game.too_far");
        assertThat(peers.proximityCalls.get()).isPositive();
    }

    @Test
    void noTrustedPositionIsTooFar() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        peers.answer(player, q -> Answer.unknown(q.playerId()));
        assertProblem(call(http, json, mine(token, nodeId, newKey())), 422, "game.too_far");
    }

    @Test
    void onlyATrustedPositionCountsForMining() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        String key = newKey();
        // Accepted by location-service, but SUSPICIOUS (repeated_fix, too_fast, ...): not good enough.
        peers.answer(player, q -> Answer.near(q.playerId(), 3.0, 1_000, false, "SUSPICIOUS", 5.0, false));
        assertProblem(call(http, json, mine(token, nodeId, key)), 422, "game.untrusted_position");
        assertThat(balanceTotal(token)).isZero();

        peers.answer(player, q -> Answer.near(q.playerId(), 3.0, 1_000, false, "TRUSTED", 5.0, false));
        assertThat(call(http, json, mine(token, nodeId, key)).status()).isEqualTo(200);
    }

    @Test
    void aPositionTooImpreciseFor40MetresIsRefused() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        peers.answer(player, q -> Answer.near(q.playerId(), 3.0, 1_000, false, "TRUSTED", 250.0, false));
        var r = call(http, json, mine(token, nodeId, newKey()));
        assertProblem(r, 422, "game.imprecise_position");
        assertThat(r.str("detail")).contains("20 m");
        peers.answer(player, q -> Answer.near(q.playerId(), 3.0, 1_000, false, "TRUSTED", 20.5, false));
        assertProblem(call(http, json, mine(token, nodeId, newKey())), 422, "game.imprecise_position");
        peers.answer(player, q -> Answer.near(q.playerId(), 3.0, 1_000, false, "TRUSTED", 20.0, false));
        assertThat(call(http, json, mine(token, nodeId, newKey())).status()).isEqualTo(200);
    }

    @Test
    void aNodeInsideANoPlayZoneIsRefusedEvenFromOutside() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        // The player stands 39 m away, outside the zone; the node itself is inside it.
        peers.answer(player, q -> Answer.near(q.playerId(), 39.0, 1_000, false, "TRUSTED", 5.0, true));
        assertProblem(call(http, json, mine(token, nodeId, newKey())), 422, "game.node_in_no_play_zone");
        assertThat(balanceTotal(token)).isZero();
    }

    @Test
    void anAnswerWithoutTheZoneOrTrustFieldsIsAContractViolationNotAYes() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        // The old contract's answer: no targetInNoPlayZone, verdict or accuracy. Absent is not "fine".
        peers.answer(player, q -> new Answer(200, "{\"playerId\":\"" + q.playerId() + "\",\"known\":true,"
                + "\"distanceM\":3.0,\"withinDistance\":true,\"fixAgeMs\":500,\"inNoPlayZone\":false}", 0));
        assertProblem(call(http, json, mine(token, nodeId, newKey())), 503, "game.location_unavailable");
        assertThat(balanceTotal(token)).isZero();
    }

    @Test
    void aStalePositionIsRefused() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        peers.answer(player, q -> Answer.near(q.playerId(), 3.0, 61_000, false));
        assertProblem(call(http, json, mine(token, someNode(token), newKey())), 422, "game.stale_position");
    }

    @Test
    void noPlayZonesAreRefused() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        peers.answer(player, q -> Answer.near(q.playerId(), 3.0, 1_000, true));
        assertProblem(call(http, json, mine(token, someNode(token), newKey())), 422, "game.in_no_play_zone");
    }

    @Test
    void theCooldownAppliesBetweenTwoMinesAndSaysWhenToRetry() {
        String token = peers.playerToken(UUID.randomUUID());
        String nodeId = someNode(token);
        assertThat(call(http, json, mine(token, nodeId, newKey())).status()).isEqualTo(200);
        var r = call(http, json, mine(token, nodeId, newKey()));
        assertProblem(r, 429, "game.cooldown");
        assertThat(Integer.parseInt(r.headers().get("Retry-After"))).isBetween(1, 3);
    }

    @Test
    void locationDownFailsClosedWith503AndTheKeyStaysUsable() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        String key = newKey();
        peers.answer(player, q -> Answer.status(500));
        var r = call(http, json, mine(token, nodeId, key));
        assertProblem(r, 503, "game.location_unavailable");
        assertThat(r.headers().get("Retry-After")).isNotNull();
        assertThat(balanceTotal(token)).isZero();

        peers.answer(player, q -> Answer.near(q.playerId(), 2.0, 500, false));
        assertThat(call(http, json, mine(token, nodeId, key)).status()).isEqualTo(200);
    }

    @Test
    void aDepletedNodeIsRefusedAndTheRefusalIsStoredUnderTheKey() {
        String token = peers.playerToken(UUID.randomUUID());
        String nodeId = someNode(token);
        NodeId id = NodeId.parse(nodeId);
        int capacity = spawner.node(id).orElseThrow().capacity();
        db.execute("insert into game.node_capacity (node_id, hour, capacity, remaining, updated_at) "
                + "values (?, ?, ?, 0, now()) on conflict (node_id) do update set remaining = 0", nodeId, id.hour(), capacity);

        String key = newKey();
        assertProblem(call(http, json, mine(token, nodeId, key)), 409, "game.node_depleted");
        assertProblem(call(http, json, mine(token, nodeId, key)), 409, "game.node_depleted");
        assertThat(nodes(token)).noneMatch(n -> nodeId.equals(n.get("nodeId")));
        assertThat(balanceTotal(token)).isZero();
    }

    @Test
    void aRetryOfAMineStillInFlightWaitsForItsAnswerInsteadOfCheckingAgain() throws Exception {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String nodeId = someNode(token);
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        // The first check is slow and says "here"; any later check would say "too far" (the player walked on).
        peers.answer(player, q -> calls.incrementAndGet() == 1
                ? Answer.near(q.playerId(), 3.0, 500, false).delayed(400)
                : Answer.near(q.playerId(), 41.0, 500, false));
        String key = newKey();
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> call(http, json, mine(token, nodeId, key)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> calls.get() == 1);
        var retry = call(http, json, mine(token, nodeId, key));
        var original = first.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(original.status()).as(original.raw()).isEqualTo(200);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.str("mineId")).isEqualTo(original.str("mineId"));
        assertThat(retry.json().get("replayed")).isEqualTo(true);
        assertThat(calls.get()).as("location asked once").isEqualTo(1);
    }

    @Test
    void aKeyFirstUsedOnADepletedNodeIsReusedForAnyOtherNodeEvenUnderRaces() throws Exception {
        String token = peers.playerToken(UUID.randomUUID());
        var all = nodes(token);
        String depleted = (String) all.get(0).get("nodeId");
        String other = (String) all.get(1).get("nodeId");
        NodeId id = NodeId.parse(depleted);
        db.execute("insert into game.node_capacity (node_id, hour, capacity, remaining, updated_at) "
                + "values (?, ?, ?, 0, now()) on conflict (node_id) do update set remaining = 0", depleted, id.hour(),
                spawner.node(id).orElseThrow().capacity());
        String key = newKey();
        var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<GameApi.Response>>();
            answers.add(pool.submit(() -> call(http, json, mine(token, depleted, key))));
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> call(http, json, mine(token, other, key))));
            }
            for (int i = 1; i < answers.size(); i++) {
                var r = answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                // The other node is never depleted: "depleted" here would be the first answer leaking.
                assertThat(r.code()).as(r.raw()).isNotEqualTo("game.node_depleted");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void onlyPlayerTokensMayMine() {
        String service = peers.players().with("chain-gateway", c -> c.claim("roles", List.of("service")));
        var r = call(http, json, mine(service, "8928308280fffff:1", newKey()));
        assertThat(r.status()).isEqualTo(403);
        assertThat(call(http, json, mine("not-a-token", "8928308280fffff:1", newKey())).status()).isEqualTo(401);
    }

    private long balance(String token, String ore) {
        return call(http, json, getAs("/api/game/inventory", token)).list("items").stream()
                .filter(i -> ore.equals(i.get("ore"))).mapToLong(i -> ((Number) i.get("balance")).longValue())
                .findFirst().orElseThrow();
    }

    private long balanceTotal(String token) {
        return call(http, json, getAs("/api/game/inventory", token)).list("items").stream()
                .mapToLong(i -> ((Number) i.get("balance")).longValue()).sum();
    }

    static void assertProblem(GameApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).as(r.raw()).isEqualTo(code);
    }
}
