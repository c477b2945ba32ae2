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
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import ore.game.domain.node.NodeId;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exactly-once mining under concurrency, over HTTP against the real database: all requests of a
 * race are released together from a latch.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyApiTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext db;

    @Override
    public Map<String, String> getProperties() {
        // These tests are about database races, not the location deadline: on a busy 2-core machine
        // 20 simultaneous proximity calls to the stub can exceed the production 500 ms and fail closed.
        return GameApi.properties(peers, Map.of("ore.game.location.timeout", "5s",
                "micronaut.http.services.location.connect-timeout", "5s",
                "micronaut.http.services.location.read-timeout", "5s"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    private List<String> nodeIds(String token) {
        var r = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token));
        return r.list("nodes").stream().map(n -> (String) n.get("nodeId")).toList();
    }

    /** Sets a node's remaining units (as if others had mined it down to that). */
    private void leaveUnits(String nodeId, int units) {
        NodeId id = NodeId.parse(nodeId);
        db.execute("insert into game.node_capacity (node_id, hour, capacity, remaining, updated_at) "
                + "values (?, ?, 1000000, ?, now()) on conflict (node_id) do update set remaining = excluded.remaining",
                nodeId, id.hour(), units);
    }

    private List<GameApi.Response> race(List<Callable<GameApi.Response>> calls) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<GameApi.Response>>();
            for (var c : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<GameApi.Response>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    private static Map<Integer, Long> byStatus(List<GameApi.Response> responses) {
        return responses.stream().collect(Collectors.groupingBy(GameApi.Response::status, Collectors.counting()));
    }

    private long minedFrom(String nodeId) {
        return db.fetchValue("select count(*) from game.ledger_tx where reason = 'mined' and reference = ?", nodeId)
                instanceof Number n ? n.longValue() : -1;
    }

    @Test
    void twentyRequestsOfTenPlayersForTheLastUnitMineItOnce() throws Exception {
        String nodeId = nodeIds(peers.playerToken(UUID.randomUUID())).getFirst();
        leaveUnits(nodeId, 1);
        var calls = new ArrayList<Callable<GameApi.Response>>();
        for (int p = 0; p < 10; p++) {
            String token = peers.playerToken(UUID.randomUUID());
            for (int t = 0; t < 2; t++) {
                calls.add(() -> call(http, json, mine(token, nodeId, newKey())));
            }
        }
        var results = race(calls);
        var statuses = byStatus(results);
        assertThat(statuses.get(200)).as(statuses.toString()).isEqualTo(1);
        // Everyone else: depleted, or (the winner's second tap) in cooldown.
        assertThat(statuses.keySet()).as(statuses.toString()).isSubsetOf(200, 409, 429);
        assertThat(results.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().num("nodeRemaining")).isZero();
        assertThat(minedFrom(nodeId)).isEqualTo(1);
        assertThat(db.fetchValue("select remaining from game.node_capacity where node_id = ?", nodeId)).isEqualTo(0);
    }

    @Test
    void tenDoubleTapsOfOnePlayerMineOnce() throws Exception {
        String token = peers.playerToken(UUID.randomUUID());
        String nodeId = nodeIds(token).getLast();
        leaveUnits(nodeId, 100);
        var calls = new ArrayList<Callable<GameApi.Response>>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> call(http, json, mine(token, nodeId, newKey())));
        }
        var statuses = byStatus(race(calls));
        assertThat(statuses).as(statuses.toString()).containsEntry(200, 1L).containsEntry(429, 9L);
        assertThat(minedFrom(nodeId)).isEqualTo(1);
        assertThat(total(token)).isEqualTo(1);
    }

    @Test
    void tenRetriesWithOneKeyMineOnceAndAllGetTheSameAnswer() throws Exception {
        String token = peers.playerToken(UUID.randomUUID());
        String nodeId = nodeIds(token).get(1);
        leaveUnits(nodeId, 100);
        String key = newKey();
        var calls = new ArrayList<Callable<GameApi.Response>>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> call(http, json, mine(token, nodeId, key)));
        }
        var results = race(calls);
        assertThat(byStatus(results)).containsEntry(200, 10L);
        assertThat(results.stream().map(r -> r.str("mineId")).distinct()).hasSize(1);
        assertThat(results.stream().filter(r -> !"true".equals(r.str("replayed")))).hasSize(1);
        assertThat(minedFrom(nodeId)).isEqualTo(1);
        assertThat(total(token)).isEqualTo(1);
    }

    @Test
    void manyPlayersOnOneNodeTakeExactlyItsCapacity() throws Exception {
        String nodeId = nodeIds(peers.playerToken(UUID.randomUUID())).get(2);
        leaveUnits(nodeId, 7);
        var calls = new ArrayList<Callable<GameApi.Response>>();
        for (int p = 0; p < 30; p++) {
            String token = peers.playerToken(UUID.randomUUID());
            calls.add(() -> call(http, json, mine(token, nodeId, newKey())));
        }
        var statuses = byStatus(race(calls));
        assertThat(statuses).as(statuses.toString()).containsEntry(200, 7L).containsEntry(409, 23L);
        assertThat(minedFrom(nodeId)).isEqualTo(7);
    }

    private long total(String token) {
        return call(http, json, getAs("/api/game/inventory", token)).list("items").stream()
                .mapToLong(i -> ((Number) i.get("balance")).longValue()).sum();
    }
}
