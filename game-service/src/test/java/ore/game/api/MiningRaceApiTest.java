package ore.game.api;

import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import ore.game.app.port.MineGuard;
import ore.game.domain.mining.IdempotencyKey;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests with the same Idempotency-Key that reach the database together, as when Redis lost the
 * in-flight mark (here: a guard that admits everyone) and location answers slowly enough for all of
 * them to pass the first lookup: exactly one unit is mined, and every request gets the first answer
 * (or {@code game.idempotency_key_reused} when it asked for another node) — with a cooldown (the
 * racers find the player just mined) and without one (they get as far as storing their answer).
 */
abstract class MiningRaceApiTest implements TestPropertyProvider {

    static final String SPEC = "MiningRaceApiTest";

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext db;

    abstract Duration cooldown();

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(GameApi.properties(peers, Map.of("ore.game.mining.cooldown", cooldown().toSeconds() + "s")));
        props.put("spec.name", SPEC);
        return props;
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    /** The in-flight mark lost: every request is admitted, so the database alone keeps a key to one effect. */
    @Singleton
    @Replaces(MineGuard.class)
    @Requires(property = "spec.name", value = SPEC)
    static class AdmitEveryone implements MineGuard {

        @Override
        public boolean begin(UUID playerId, IdempotencyKey key, Duration ttl) {
            return true;
        }

        @Override
        public void end(UUID playerId, IdempotencyKey key) {
        }
    }

    @Test
    void racersWithOneKeyMineOnceAndAllGetTheFirstAnswer() throws Exception {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        String node = nodes(token).getFirst();
        peers.answer(player, MiningRaceApiTest::slowlyNear);
        String key = newKey();

        List<GameApi.Response> answers = race(6, i -> mine(token, node, key));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(200));
        assertThat(answers.stream().map(r -> r.str("mineId")).distinct()).hasSize(1);
        assertThat(answers.stream().filter(r -> Boolean.FALSE.equals(r.json().get("replayed")))).hasSize(1);
        assertThat(balanceTotal(token)).isEqualTo(1);
        assertThat(db.fetchCount(db.selectFrom("game.mine_request").where("player_id = ?", player))).isEqualTo(1);
    }

    @Test
    void aRacerAskingForAnotherNodeWithTheKeyIsToldTheKeyIsTaken() throws Exception {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var all = nodes(token);
        peers.answer(player, MiningRaceApiTest::slowlyNear);
        String key = newKey();

        List<GameApi.Response> answers = race(4, i -> mine(token, all.get(i % 2), key));

        var mined = answers.stream().filter(r -> r.status() == 200).toList();
        assertThat(mined).isNotEmpty();
        String winner = mined.getFirst().str("nodeId");
        assertThat(mined).allSatisfy(r -> assertThat(r.str("nodeId")).isEqualTo(winner));
        assertThat(answers.stream().filter(r -> r.status() != 200))
                .allSatisfy(r -> assertThat(r.code()).as(r.raw()).isEqualTo("game.idempotency_key_reused"));
        assertThat(balanceTotal(token)).isEqualTo(1);
    }

    /** Near, after 300 ms: long enough for every racer to be past the first lookup of the key. */
    private static PeerStub.Answer slowlyNear(PeerStub.Query q) {
        var near = PeerStub.Answer.near(q.playerId(), 5.0, 1_000, false);
        return new PeerStub.Answer(near.status(), near.body(), 300);
    }

    private List<GameApi.Response> race(int n, java.util.function.IntFunction<io.micronaut.http.MutableHttpRequest<?>> request)
            throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<GameApi.Response>>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call(http, json, request.apply(index))));
            }
            var answers = new ArrayList<GameApi.Response>();
            for (var f : futures) {
                answers.add(f.get(30, TimeUnit.SECONDS));
            }
            return answers;
        }
    }

    private List<String> nodes(String token) {
        return call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token))
                .list("nodes").stream().map(n -> (String) n.get("nodeId")).toList();
    }

    private long balanceTotal(String token) {
        return call(http, json, getAs("/api/game/inventory", token)).list("items").stream()
                .mapToLong(i -> ((Number) i.get("balance")).longValue()).sum();
    }
}
