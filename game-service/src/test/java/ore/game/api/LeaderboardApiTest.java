package ore.game.api;

import static ore.game.api.MiningApiTest.assertProblem;
import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Leaderboards in Redis, fed by real mines. Cooldown 0 so players can mine quickly. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderboardApiTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();
    final List<UUID> players = new ArrayList<>();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    RedisClusterAsyncCommands<String, String> redis;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of("ore.game.mining.cooldown", "0s"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    /** Player i mines i units (1..12). */
    @BeforeAll
    void mineSome() {
        String lister = peers.playerToken(UUID.randomUUID());
        var nodes = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", lister))
                .list("nodes").stream().map(n -> (String) n.get("nodeId")).toList();
        int next = 0;
        for (int i = 1; i <= 12; i++) {
            UUID player = UUID.randomUUID();
            players.add(player);
            String token = peers.playerToken(player);
            int mined = 0;
            while (mined < i) {
                var r = call(http, json, mine(token, nodes.get(next % nodes.size()), newKey()));
                if (r.status() == 200) {
                    mined++;
                } else {
                    assertThat(r.status()).as(r.raw()).isEqualTo(409);
                    next++;
                }
            }
        }
    }

    private GameApi.Response get(String path, UUID player) {
        return call(http, json, getAs(path, peers.playerToken(player)));
    }

    @Test
    void theTopIsOrderedByOreMined() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (String period : List.of("daily", "weekly", "all")) {
                var r = get("/api/game/leaderboard?period=" + period + "&limit=3", players.getFirst());
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                assertThat(r.str("period")).isEqualTo(period);
                var entries = r.list("entries");
                assertThat(entries).hasSize(3);
                assertThat(entries.get(0)).containsEntry("rank", 1).containsEntry("score", 12)
                        .containsEntry("playerId", players.get(11).toString());
                assertThat(entries.get(2)).containsEntry("rank", 3).containsEntry("score", 10);
                assertThat(entries.getFirst()).containsOnlyKeys("rank", "playerId", "score");
            }
        });
    }

    @Test
    void aroundMeShowsMyPlaceAndMyNeighbours() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var r = get("/api/game/leaderboard/me?period=all&around=2", players.get(5));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            var me = (Map<String, Object>) r.json().get("me");
            assertThat(me).containsEntry("rank", 7).containsEntry("score", 6).containsEntry("playerId", players.get(5).toString());
            assertThat(r.list("entries")).extracting(e -> e.get("rank")).containsExactly(5, 6, 7, 8, 9);
        });
        var top = get("/api/game/leaderboard/me?period=all&around=3", players.get(11));
        assertThat(top.list("entries")).extracting(e -> e.get("rank")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void someoneWhoNeverMinedHasNoPlace() {
        var r = get("/api/game/leaderboard/me", UUID.randomUUID());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).doesNotContainKey("me");
        assertThat(r.list("entries")).isEmpty();
    }

    @Test
    void dailyAndWeeklyBoardsExpireTheAllTimeBoardDoesNot() {
        var keys = RedisSupport.await(redis.keys("game:lb:*"));
        assertThat(keys).anyMatch(k -> k.startsWith("game:lb:{daily:")).anyMatch(k -> k.startsWith("game:lb:{weekly:"))
                .contains("game:lb:{all}");
        for (String key : keys) {
            long ttl = RedisSupport.await(redis.ttl(key));
            if (key.equals("game:lb:{all}")) {
                assertThat(ttl).isEqualTo(-1);
            } else {
                assertThat(ttl).as(key).isPositive();
            }
        }
    }

    @Test
    void badQueriesAre400() {
        UUID p = players.getFirst();
        assertProblem(get("/api/game/leaderboard?period=yearly", p), 400, "game.invalid_period");
        assertProblem(get("/api/game/leaderboard?limit=101", p), 400, "game.invalid_limit");
        assertProblem(get("/api/game/leaderboard?limit=0", p), 400, "game.invalid_limit");
        assertProblem(get("/api/game/leaderboard/me?around=26", p), 400, "game.invalid_around");
        assertThat(get("/api/game/leaderboard?limit=ten", p).status()).isEqualTo(400);
    }
}
