package ore.location.api;

import static ore.location.adapter.out.jooq.generated.Tables.POSITION_HISTORY;
import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.move;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.walk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
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
import ore.location.app.port.TrackingLog;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/location/updates}: accepted fixes are tracked (Kafka, history), bad input is a
 * 4xx or a per-fix rejection (never a 500), and a batch sent twice has no second effect.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdatesApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext dsl;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private ApiTestSupport.Response send(UUID player, List<Map<String, Object>> fixes) {
        return call(http, json, post("/api/location/updates", batch(fixes), playerToken(player)));
    }

    private ApiTestSupport.Response sendRaw(UUID player, String body) {
        return call(http, json, HttpRequest.POST("/api/location/updates", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(playerToken(player)));
    }

    static void assertProblem(ApiTestSupport.Response r, int status) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsKeys("type", "title", "status", "code");
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.micronaut");
    }

    @SuppressWarnings("unchecked")
    private static List<String> reasons(Map<String, Object> result) {
        return (List<String>) result.get("reasons");
    }

    private long historyRows(UUID player) {
        return dsl.fetchCount(POSITION_HISTORY, POSITION_HISTORY.PLAYER_ID.eq(player));
    }

    @Test
    void anHonestBatchIsAcceptedTrackedAndWrittenToHistory() {
        UUID player = UUID.randomUUID();
        var r = send(player, walk(randomPlace(), 10));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.json()).containsEntry("accepted", 10).containsEntry("rejected", 0);
        var results = r.list("results");
        assertThat(results).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i)).containsEntry("index", i).containsEntry("accepted", true)
                    .containsEntry("verdict", "TRUSTED").containsEntry("inNoPlayZone", false);
            assertThat(reasons(results.get(i))).isEmpty();
        }

        var events = ApiTestSupport.records(TrackingLog.TOPIC, rec -> player.toString().equals(rec.key()), 10,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(10);
        Map<String, Object> envelope = ApiTestSupport.parse(json, events.getFirst().value());
        assertThat(envelope).containsEntry("type", "LocationTracked").containsEntry("key", player.toString())
                .containsKeys("id", "occurredAt", "traceparent");
        @SuppressWarnings("unchecked")
        var payload = (Map<String, Object>) envelope.get("payload");
        assertThat(payload).containsEntry("playerId", player.toString()).containsEntry("verdict", "TRUSTED")
                .containsEntry("accepted", true).containsKeys("ts", "lat", "lon", "accuracyM", "cell", "receivedAt");
        assertThat(events.getFirst().headers().lastHeader("traceparent")).isNotNull();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(historyRows(player)).isEqualTo(10));
        var row = dsl.selectFrom(POSITION_HISTORY).where(POSITION_HISTORY.PLAYER_ID.eq(player))
                .orderBy(POSITION_HISTORY.RECORDED_AT).limit(1).fetchOne();
        assertThat(row.getVerdict()).isEqualTo("TRUSTED");
        assertThat(row.getReasons()).isEmpty();
        assertThat(row.getCell()).hasSize(15);
    }

    @Test
    void aBatchOfOneIsFine() {
        var r = send(UUID.randomUUID(), walk(randomPlace(), 1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("accepted", 1);
    }

    @Test
    void theSameBatchSentTwiceHasNoSecondEffect() {
        UUID player = UUID.randomUUID();
        var fixes = walk(randomPlace(), 5);
        assertThat(send(player, fixes).json()).containsEntry("accepted", 5);
        var again = send(player, fixes);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("accepted", 0).containsEntry("rejected", 5);
        again.list("results").forEach(res -> {
            assertThat(res).containsEntry("accepted", false).containsEntry("verdict", "REJECTED");
            assertThat(reasons(res)).containsExactly("duplicate");
        });
        var events = ApiTestSupport.records(TrackingLog.TOPIC, rec -> player.toString().equals(rec.key()), 6,
                Duration.ofSeconds(5));
        assertThat(events).as("one event per fix, none for the resent batch").hasSize(5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(historyRows(player)).isEqualTo(5));
    }

    @Test
    void badValuesAreRejectedFixByFixAndTheRestCounts() {
        UUID player = UUID.randomUUID();
        double[] at = randomPlace();
        long now = System.currentTimeMillis();
        long in2099 = 4_070_908_800_000L;
        var fixes = new ArrayList<Map<String, Object>>();
        fixes.add(fix(new double[] {91, at[1]}, 5, now - 9000));
        fixes.add(fix(new double[] {at[0], 180.5}, 5, now - 8000));
        fixes.add(fix(at, 0, now - 7000));
        fixes.add(fix(at, 10_001, now - 6500));
        fixes.add(fix(at, 5, in2099));
        fixes.add(fix(at, 5, now - 11 * 60_000));
        var withSpeed = fix(at, 5, now - 6000);
        withSpeed.put("speed", -3);
        fixes.add(withSpeed);
        var withHeading = fix(at, 5, now - 5500);
        withHeading.put("heading", 400);
        fixes.add(withHeading);
        var good = fix(at, 5, now - 5000);
        good.put("speed", 1.2);
        good.put("heading", 90);
        fixes.add(good);
        fixes.add(fix(move(at, 1, 0), 5, now - 6000)); // older than the accepted one

        var r = send(player, fixes);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        var results = r.list("results");
        assertThat(results.stream().map(ApiTestSupportReasons::first).toList()).containsExactly(
                "invalid_lat", "invalid_lon", "invalid_accuracy", "invalid_accuracy", "future", "stale",
                "invalid_speed", "invalid_heading", null, "out_of_order");
        assertThat(results.get(8)).containsEntry("accepted", true).containsEntry("verdict", "TRUSTED");
        assertThat(r.json()).containsEntry("accepted", 1).containsEntry("rejected", 9);
    }

    @Test
    void notANumberNeverBreaksTheService() {
        UUID player = UUID.randomUUID();
        long now = System.currentTimeMillis();
        // JSON has no NaN: a bare NaN does not parse (400); a quoted "NaN" or an overflowing 1e999 is a
        // number that is not finite, rejected by itself like any other bad value.
        assertProblem(sendRaw(player, "{\"fixes\":[{\"lat\":NaN,\"lon\":10,\"accuracy\":5,\"ts\":" + now + "}]}"), 400);
        for (String lat : List.of("\"NaN\"", "1e999", "-1e999")) {
            var r = sendRaw(player, "{\"fixes\":[{\"lat\":" + lat + ",\"lon\":10,\"accuracy\":5,\"ts\":" + now + "}]}");
            assertThat(r.status()).as(lat).isEqualTo(200);
            assertThat(ApiTestSupportReasons.first(r.list("results").getFirst())).as(lat).isEqualTo("invalid_lat");
        }
        var nanAccuracy = sendRaw(player, "{\"fixes\":[{\"lat\":1,\"lon\":10,\"accuracy\":\"NaN\",\"ts\":" + now + "}]}");
        assertThat(ApiTestSupportReasons.first(nanAccuracy.list("results").getFirst())).isEqualTo("invalid_accuracy");
    }

    @Test
    void batchesOfNoneOrMoreThanFiftyAreRefused() {
        UUID player = UUID.randomUUID();
        var empty = send(player, List.of());
        assertProblem(empty, 400);
        assertThat(empty.str("code")).isEqualTo("location.invalid_batch");
        var tooMany = send(player, walk(randomPlace(), 51));
        assertProblem(tooMany, 400);
        assertThat(tooMany.str("code")).isEqualTo("location.invalid_batch");
        assertThat(send(player, walk(randomPlace(), 50)).json()).containsEntry("accepted", 50);
    }

    @Test
    void bodiesOfTheWrongShapeAre400() {
        UUID player = UUID.randomUUID();
        long now = System.currentTimeMillis();
        assertProblem(sendRaw(player, "{\"fixes\": "), 400);
        assertProblem(sendRaw(player, "not json"), 400);
        assertProblem(sendRaw(player, "[1,2,3]"), 400);
        assertProblem(sendRaw(player, "{}"), 400);
        assertProblem(sendRaw(player, "{\"fixes\":[null]}"), 400);
        assertProblem(sendRaw(player, "{\"fixes\":[{\"lat\":\"north\",\"lon\":1,\"accuracy\":5,\"ts\":" + now + "}]}"), 400);
        var missing = sendRaw(player, "{\"fixes\":[{\"lon\":1,\"accuracy\":5,\"ts\":" + now + "}]}");
        assertProblem(missing, 400);
        assertThat(missing.str("detail")).contains("lat");
        assertProblem(sendRaw(player, "{\"fixes\":[{\"lat\":1,\"lon\":1,\"accuracy\":5,\"ts\":\"yesterday\"}]}"), 400);
        var huge = sendRaw(player, "{\"fixes\":[], \"pad\":\"" + "x".repeat(40_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertProblem(call(http, json, HttpRequest.POST("/api/location/updates", "lat=1")
                .contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(playerToken(player))), 415);
        assertProblem(call(http, json, HttpRequest.GET("/api/location/updates").bearerAuth(playerToken(player))), 405);
    }

    @Test
    void aTeleportIsRejectedAndDoesNotMoveThePlayer() {
        UUID player = UUID.randomUUID();
        double[] start = randomPlace();
        long now = System.currentTimeMillis();
        assertThat(send(player, List.of(fix(start, 5, now - 20_000))).json()).containsEntry("accepted", 1);
        var jump = send(player, List.of(fix(move(start, 5000, 45), 5, now - 10_000), fix(move(start, 3, 0), 5, now)));
        var results = jump.list("results");
        assertThat(results.get(0)).containsEntry("accepted", false).containsEntry("verdict", "REJECTED");
        assertThat(reasons(results.get(0))).containsExactly("teleport");
        assertThat(results.get(1)).as("judged against the last accepted fix, not the jump")
                .containsEntry("accepted", true).containsEntry("verdict", "TRUSTED");
    }

    @Test
    void onlyPlayersMayUpdate() {
        var body = batch(walk(randomPlace(), 1));
        assertProblem(call(http, json, HttpRequest.POST("/api/location/updates", body)), 401);
        assertProblem(call(http, json, post("/api/location/updates", body, "garbage")), 401);
        assertProblem(call(http, json, post("/api/location/updates", body,
                ApiTestSupport.serviceToken("game", "location"))), 403);
        for (var forged : ApiTestSupport.PLAYERS.attacks(UUID.randomUUID().toString()).entrySet()) {
            assertThat(call(http, json, post("/api/location/updates", body, forged.getValue())).status())
                    .as(forged.getKey()).isEqualTo(401);
        }
        var notAUuid = call(http, json, post("/api/location/updates", body, ApiTestSupport.PLAYERS.valid("alice")));
        assertProblem(notAUuid, 401);
    }
}
