package ore.game.api;

import static ore.game.api.MiningApiTest.assertProblem;
import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Beyond max-in-flight requests at once, the game API answers 503 with Retry-After instead of queueing. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadSheddingApiTest implements TestPropertyProvider {

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return GameApi.properties(peers, Map.of("ore.game.load.max-in-flight", "2", "ore.game.location.timeout", "3s"));
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    @Test
    void requestsBeyondTheInFlightBoundAreShedWithRetryAfter() throws Exception {
        String lister = peers.playerToken(UUID.randomUUID());
        var nodes = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", lister))
                .list("nodes");
        // Every position check now takes 1 s: two mines occupy the instance, the rest must be refused.
        peers.answerEveryone(q -> PeerStub.Answer.near(q.playerId(), 3.0, 500, false).delayed(1000));
        var answers = new ArrayList<Future<GameApi.Response>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                String token = peers.playerToken(UUID.randomUUID());
                String nodeId = (String) nodes.get(i % nodes.size()).get("nodeId");
                answers.add(pool.submit(() -> call(http, json, mine(token, nodeId, newKey()))));
            }
            // Health is never shed.
            assertThat(call(http, json, HttpRequest.GET("/health")).status()).isEqualTo(200);
            int ok = 0;
            int shed = 0;
            for (var answer : answers) {
                var r = answer.get(30, TimeUnit.SECONDS);
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertProblem(r, 503, "server.overloaded");
                    assertThat(r.headers().get("Retry-After")).isEqualTo("1");
                    shed++;
                }
            }
            assertThat(ok).isBetween(1, 2 * 8);
            assertThat(shed).isPositive();
            assertThat(ok + shed).isEqualTo(8);
        } finally {
            peers.answerEveryone(q -> PeerStub.Answer.near(q.playerId(), 5.0, 1_000, false));
        }
        // Once the load is gone, requests are admitted again.
        var later = call(http, json, mine(lister, (String) nodes.getLast().get("nodeId"), newKey()));
        assertThat(later.status()).as(later.raw()).isEqualTo(200);
    }
}
