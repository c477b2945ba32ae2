package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import ore.location.domain.geo.HexGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Movement messages on the realtime channel {@code rt:cell:<h3>}, received by a real Redis
 * subscriber: with plain PUBLISH here, with SPUBLISH in {@link ShardedRealtimeApiTest}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    HexGrid grid;

    @Value("${redis.uri}")
    String redisUri;

    private RedisClient client;

    @Override
    public Map<String, String> getProperties() {
        // The sharded flavour is the default (ShardedRealtimeApiTest leaves the setting alone).
        return ApiTestSupport.properties(sharded() ? Map.of() : Map.of("ore.realtime.sharded-pubsub", "false"));
    }

    boolean sharded() {
        return false;
    }

    @AfterAll
    void closeClient() {
        if (client != null) {
            client.shutdown();
        }
    }

    private BlockingQueue<String> subscribe(String channel) {
        if (client == null) {
            client = RedisClient.create(redisUri);
        }
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                received.add(message);
            }

            @Override
            public void smessage(String ch, String message) {
                received.add(message);
            }
        });
        if (sharded()) {
            connection.sync().ssubscribe(channel);
        } else {
            connection.sync().subscribe(channel);
        }
        return received;
    }

    private void update(UUID player, double[] at, long ts) {
        var r = call(http, json, post("/api/location/updates", batch(List.of(fix(at, 5, ts))), playerToken(player)));
        assertThat(r.json()).as(r.raw()).containsEntry("accepted", 1);
    }

    @Test
    void anOptedInPlayersMovementIsPublishedOnTheCellChannel() throws Exception {
        double[] at = randomPlace();
        UUID player = UUID.randomUUID();
        String channel = "rt:cell:" + grid.address(grid.cell(at[0], at[1], 9));
        BlockingQueue<String> messages = subscribe(channel);
        call(http, json, HttpRequest.PUT("/api/location/sharing", Map.of("nearby", true)).bearerAuth(playerToken(player)));
        long ts = System.currentTimeMillis();
        update(player, at, ts);

        String message = messages.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("message on " + channel).isNotNull();
        Map<String, Object> body = ApiTestSupport.parse(json, message);
        // The envelope every realtime producer shares: {type, at (ISO-8601 UTC), ...payload}.
        assertThat(body).containsEntry("type", "player.moved").containsEntry("playerId", player.toString())
                .containsEntry("at", java.time.Instant.ofEpochMilli(ts).toString()).doesNotContainKey("ts");
        assertThat(new java.util.ArrayList<>(body.keySet()).subList(0, 2)).containsExactly("type", "at");
        double lat = ((Number) body.get("lat")).doubleValue();
        assertThat(lat).isCloseTo(at[0], org.assertj.core.data.Offset.offset(0.0006));
        assertThat(Math.abs(lat * 1000 - Math.round(lat * 1000))).as("rounded to 3 decimals").isLessThan(1e-6);
    }

    @Test
    void aPlayerWhoDidNotOptInIsNotPublished() throws Exception {
        double[] at = randomPlace();
        BlockingQueue<String> messages = subscribe("rt:cell:" + grid.address(grid.cell(at[0], at[1], 9)));
        update(UUID.randomUUID(), at, System.currentTimeMillis());
        assertThat(messages.poll(1500, TimeUnit.MILLISECONDS)).isNull();
    }
}
