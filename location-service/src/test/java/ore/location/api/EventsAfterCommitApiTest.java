package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.walk;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
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
import ore.location.adapter.out.redis.RedisPlayerStates;
import ore.location.app.LocationTracked;
import ore.location.app.port.TrackingLog;
import ore.location.config.LocationSettings;
import ore.location.domain.fix.PlayerTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code LocationTracked} events are published only for a judgement that was committed: when another
 * update of the same player commits first (the optimistic commit loses and the batch is judged again),
 * the losing judgement leaves no events behind.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsAfterCommitApiTest implements TestPropertyProvider {

    static final String SPEC = "EventsAfterCommitApiTest";
    static final Set<UUID> RACE_ONCE = ConcurrentHashMap.newKeySet();

    /**
     * The real Redis state store; for players in {@link #RACE_ONCE}, another writer commits (moves the
     * version) just before this instance's first commit, as a concurrent request on another instance would.
     */
    @Singleton
    @Replaces(RedisPlayerStates.class)
    @Requires(property = "spec.name", value = SPEC)
    static class RacedPlayerStates extends RedisPlayerStates {

        private final RedisClusterAsyncCommands<String, String> redis;

        RacedPlayerStates(RedisClusterAsyncCommands<String, String> redis, LocationSettings.State settings,
                          JsonMapper json) {
            super(redis, settings, json);
            this.redis = redis;
        }

        @Override
        public Commit commit(UUID playerId, long expectedVersion, PlayerTrack next, List<Long> cheatRejections,
                             Instant now, CheatCounting counting, List<LocationTracked> events) {
            if (RACE_ONCE.remove(playerId)) {
                try {
                    String key = "loc:{p:" + playerId + "}:track";
                    String current = redis.get(key).get();
                    String body = current == null ? "" : current.substring(current.indexOf(';') + 1);
                    redis.set(key, (expectedVersion + 1) + ";" + body).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return super.commit(playerId, expectedVersion, next, cheatRejections, now, counting, events);
        }
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(ApiTestSupport.properties(Map.of()));
        props.put("spec.name", SPEC);
        return props;
    }

    @Test
    void aJudgementThatLostTheCommitRacePublishesNothing() {
        UUID player = UUID.randomUUID();
        RACE_ONCE.add(player);
        var r = call(http, json, post("/api/location/updates", batch(walk(randomPlace(), 4)), playerToken(player)));
        assertThat(r.json()).as(r.raw()).containsEntry("accepted", 4);
        assertThat(RACE_ONCE).doesNotContain(player);

        var events = ApiTestSupport.records(TrackingLog.TOPIC, rec -> player.toString().equals(rec.key()), 4,
                Duration.ofSeconds(30));
        // Four fixes, one committed judgement: four events (the lost attempt published none).
        assertThat(events).hasSize(4);
    }
}
