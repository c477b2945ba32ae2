package ore.game.api;

import static ore.game.support.GameApi.LAT;
import static ore.game.support.GameApi.LON;
import static ore.game.support.GameApi.call;
import static ore.game.support.GameApi.getAs;
import static ore.game.support.GameApi.mine;
import static ore.game.support.GameApi.newKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import ore.game.adapter.out.redis.RedisLeaderboard;
import ore.game.app.GameEvents;
import ore.game.app.port.Leaderboard;
import ore.game.domain.GameErrors;
import ore.game.domain.leaderboard.LeaderboardKeys;
import ore.game.domain.leaderboard.Period;
import ore.game.domain.leaderboard.Standing;
import ore.game.support.GameApi;
import ore.game.support.PeerStub;
import ore.game.support.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GDPR: leaving the leaderboards is part of the erasure's retried handling. A Redis blip during the
 * removal makes the event be handled again, and the second delivery (whose database part is already
 * done) still removes the player from every board.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PurgeRetryApiTest implements TestPropertyProvider {

    static final String SPEC = "PurgeRetryApiTest";
    static final Set<UUID> BLIP_ONCE = ConcurrentHashMap.newKeySet();

    /** The real Redis leaderboard, whose first removal of a player in {@link #BLIP_ONCE} fails as on a Redis blip. */
    @Singleton
    @Replaces(Leaderboard.class)
    @Requires(property = "spec.name", value = SPEC)
    static class BlippingLeaderboard implements Leaderboard {

        private final RedisLeaderboard real;

        BlippingLeaderboard(RedisClusterAsyncCommands<String, String> redis, LeaderboardKeys keys, MeterRegistry meters) {
            this.real = new RedisLeaderboard(redis, keys, meters);
        }

        @Override
        public void add(UUID playerId, long amount, Instant at) {
            real.add(playerId, amount, at);
        }

        @Override
        public List<Standing> top(Period period, Instant at, int limit) {
            return real.top(period, at, limit);
        }

        @Override
        public AroundMe around(Period period, Instant at, UUID playerId, int around) {
            return real.around(period, at, playerId, around);
        }

        @Override
        public void remove(UUID playerId, Instant now) {
            if (BLIP_ONCE.remove(playerId)) {
                throw GameErrors.dependencyUnavailable();
            }
            real.remove(playerId, now);
        }
    }

    final PeerStub peers = new PeerStub();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(GameApi.properties(peers, Map.of("ore.game.mining.cooldown", "0s")));
        props.put("spec.name", SPEC);
        return props;
    }

    @AfterAll
    void stop() {
        peers.close();
    }

    @Test
    void aRedisBlipDuringTheRemovalIsRetriedUntilThePlayerIsOffEveryBoard() {
        UUID player = UUID.randomUUID();
        String token = peers.playerToken(player);
        var nodes = call(http, json, getAs("/api/game/nodes?lat=" + LAT + "&lon=" + LON + "&radius=1000", token)).list("nodes");
        assertThat(call(http, json, mine(token, (String) nodes.getFirst().get("nodeId"), newKey())).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(call(http, json, getAs("/api/game/leaderboard/me?period=all", token)).json()).containsKey("me"));

        BLIP_ONCE.add(player);
        Topics.publish(GameEvents.USER_LIFECYCLE_TOPIC, player.toString(), "UserDeleted",
                "{\"userId\":\"" + player + "\",\"requestedAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(BLIP_ONCE).doesNotContain(player);
            assertThat(call(http, json, getAs("/api/game/leaderboard/me?period=all", token)).json())
                    .doesNotContainKey("me");
        });
    }
}
