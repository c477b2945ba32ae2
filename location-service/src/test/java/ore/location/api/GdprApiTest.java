package ore.location.api;

import static ore.location.adapter.out.jooq.generated.Tables.ERASED_PLAYER;
import static ore.location.adapter.out.jooq.generated.Tables.POSITION_HISTORY;
import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.move;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.serviceToken;
import static ore.location.api.ApiTestSupport.walk;
import static ore.location.api.UpdatesApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import ore.events.EventCodec;
import ore.events.EventEnvelope;
import ore.location.app.LocationTracked;
import ore.location.app.UserDeleted;
import ore.location.app.port.TrackingLog;
import ore.testkit.OreInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GDPR: {@code UserDeleted} purges live state, nearby listing and history, and keeps them purged. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GdprApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext dsl;

    @Inject
    EventCodec codec;

    @Inject
    RedisClusterAsyncCommands<String, String> redis;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private void produce(String topic, String key, String value) throws Exception {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, OreInfra.kafka());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private long historyRows(UUID player) {
        return dsl.fetchCount(POSITION_HISTORY, POSITION_HISTORY.PLAYER_ID.eq(player));
    }

    @Test
    void userDeletedPurgesEverythingAndKeepsItPurged() throws Exception {
        UUID player = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        double[] here = randomPlace();
        call(http, json, HttpRequest.PUT("/api/location/sharing", Map.of("nearby", true)).bearerAuth(playerToken(player)));
        assertThat(call(http, json, post("/api/location/updates", batch(walk(here, 5)), playerToken(player))).json())
                .containsEntry("accepted", 5);
        call(http, json, post("/api/location/updates", batch(walk(move(here, 100, 0), 1)), playerToken(neighbour)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(historyRows(player)).isEqualTo(5));
        assertThat(nearbyIds(neighbour, here)).contains(player.toString());

        // A malformed record first: the consumer must skip it and carry on.
        produce(UserDeleted.TOPIC, player.toString(), "{not an event");
        var deleted = EventEnvelope.of(UserDeleted.TYPE, player.toString(), new UserDeleted(player, Instant.now()),
                Clock.systemUTC());
        produce(UserDeleted.TOPIC, player.toString(), codec.encode(deleted));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(historyRows(player)).isZero();
            assertThat(dsl.fetchExists(ERASED_PLAYER, ERASED_PLAYER.PLAYER_ID.eq(player))).isTrue();
        });
        String tag = "loc:{p:" + player + "}";
        assertThat(redis.exists(tag + ":track", tag + ":share").get()).isZero();
        assertThat(redis.exists(tag + ":erased").get()).isEqualTo(1);
        assertThat(nearbyIds(neighbour, here)).doesNotContain(player.toString());
        assertThat(call(http, json, HttpRequest.GET("/internal/location/proximity?playerId=" + player + "&lat=" + here[0]
                + "&lon=" + here[1] + "&maxDistanceM=100").bearerAuth(serviceToken("game", "location"))).json())
                .containsEntry("known", false);

        // Updates still arriving with a valid token are refused...
        var late = call(http, json, post("/api/location/updates", batch(walk(here, 1)), playerToken(player)));
        assertProblem(late, 403);
        assertThat(late.str("code")).isEqualTo("location.account_deleted");

        // ...and tracked events still in Kafka are not written back into the history.
        var straggler = new LocationTracked(player, System.currentTimeMillis() - 1000, here[0], here[1], 5, null, null,
                "TRUSTED", true, List.of(), null, null, false, "89283082803ffff", Instant.now());
        produce(TrackingLog.TOPIC, player.toString(),
                codec.encode(EventEnvelope.of(TrackingLog.TYPE, player.toString(), straggler, Clock.systemUTC())));
        UUID marker = UUID.randomUUID();
        assertThat(call(http, json, post("/api/location/updates", batch(walk(randomPlace(), 1)), playerToken(marker))).json())
                .containsEntry("accepted", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(historyRows(marker)).isEqualTo(1));
        assertThat(historyRows(player)).isZero();
    }

    @Test
    void aUserDeletedWithoutUserIdIsSkippedAndDoesNotBlockThePartition() throws Exception {
        UUID player = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        // Same key, so the same partition: the broken record comes first and must not hold up the next.
        produce(UserDeleted.TOPIC, key, codec.encode(EventEnvelope.of(UserDeleted.TYPE, key,
                new UserDeleted(null, Instant.now()), Clock.systemUTC())));
        produce(UserDeleted.TOPIC, key, codec.encode(EventEnvelope.of(UserDeleted.TYPE, key,
                new UserDeleted(player, Instant.now()), Clock.systemUTC())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(dsl.fetchExists(ERASED_PLAYER, ERASED_PLAYER.PLAYER_ID.eq(player))).isTrue());
    }

    @Test
    void erasingAnUnknownPlayerIsHarmless() throws Exception {
        UUID nobody = UUID.randomUUID();
        produce(UserDeleted.TOPIC, nobody.toString(), codec.encode(EventEnvelope.of(UserDeleted.TYPE, nobody.toString(),
                new UserDeleted(nobody, Instant.now()), Clock.systemUTC())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(dsl.fetchExists(ERASED_PLAYER, ERASED_PLAYER.PLAYER_ID.eq(nobody))).isTrue());
    }

    private List<String> nearbyIds(UUID caller, double[] centre) {
        var r = call(http, json, HttpRequest.GET("/api/location/nearby?lat=" + centre[0] + "&lon=" + centre[1]
                + "&radius=500").bearerAuth(playerToken(caller)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.list("players").stream().map(p -> (String) p.get("playerId")).toList();
    }
}
