package ore.location.api;

import static ore.location.adapter.out.jooq.generated.Tables.CHEAT_REPORT;
import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.move;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
import static ore.location.api.ApiTestSupport.walk;
import static org.assertj.core.api.Assertions.assertThat;

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
import ore.location.app.SuspectedCheat;
import ore.location.app.port.TrackingLog;
import ore.location.domain.anticheat.FeatureExtractor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Anti-cheat end to end: repeated rejections raise SuspectedCheat, the model's score changes verdicts
 * when it answers, and when it does not (unavailable, hanging, broken, or gone mid-test) the rules
 * alone decide and the player sees no error.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AntiCheatApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Inject
    DSLContext dsl;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of("test.model", "scripted", "ore.location.anticheat.model-timeout", "200ms"));
    }

    @AfterEach
    void resetModel() {
        ScriptedModel.mode = ScriptedModel.Mode.UNAVAILABLE;
    }

    private ApiTestSupport.Response send(UUID player, List<Map<String, Object>> fixes) {
        var r = call(http, json, post("/api/location/updates", batch(fixes), playerToken(player)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r;
    }

    private static List<String> verdicts(ApiTestSupport.Response r) {
        return r.list("results").stream().map(x -> (String) x.get("verdict")).toList();
    }

    @Test
    void repeatedRejectionRaisesSuspectedCheatOnce() {
        UUID cheater = UUID.randomUUID();
        double[] home = randomPlace();
        long now = System.currentTimeMillis();
        send(cheater, List.of(fix(home, 5, now - 60_000)));
        var jumps = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 6; i++) {
            jumps.add(fix(move(home, 20_000 + i * 1000, 90), 5, now - 50_000 + i * 5000));
        }
        var first = send(cheater, jumps.subList(0, 4));
        assertThat(verdicts(first)).containsOnly("REJECTED");
        assertThat(ApiTestSupport.records(SuspectedCheat.TOPIC, r -> cheater.toString().equals(r.key()), 1,
                Duration.ofSeconds(2))).as("4 rejections are below the threshold").isEmpty();
        send(cheater, jumps.subList(4, 6));

        var reports = ApiTestSupport.records(SuspectedCheat.TOPIC, r -> cheater.toString().equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(reports).as("one report, not one per rejection beyond the threshold").hasSize(1);
        Map<String, Object> envelope = ApiTestSupport.parse(json, reports.getFirst().value());
        assertThat(envelope).containsEntry("type", "SuspectedCheat").containsEntry("key", cheater.toString());
        @SuppressWarnings("unchecked")
        var payload = (Map<String, Object>) envelope.get("payload");
        assertThat(payload).containsEntry("playerId", cheater.toString()).containsEntry("windowSeconds", 600)
                .extractingByKey("reasons").asList().contains("teleport");
        assertThat(((Number) payload.get("rejections")).intValue()).isGreaterThanOrEqualTo(5);
        assertThat(dsl.fetchCount(CHEAT_REPORT, CHEAT_REPORT.PLAYER_ID.eq(cheater))).isEqualTo(1);

        // An honest player's edge refusals (duplicates, stale fixes) never count.
        UUID honest = UUID.randomUUID();
        var fixes = walk(randomPlace(), 3);
        for (int i = 0; i < 6; i++) {
            send(honest, fixes);
        }
        assertThat(ApiTestSupport.records(SuspectedCheat.TOPIC, r -> honest.toString().equals(r.key()), 1,
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void theModelsScoreChangesVerdictsWhenItAnswers() {
        ScriptedModel.mode = ScriptedModel.Mode.SCORE;
        ScriptedModel.score = 0.99;
        UUID player = UUID.randomUUID();
        var rejected = send(player, walk(randomPlace(), 3));
        assertThat(verdicts(rejected)).containsOnly("REJECTED");
        assertThat(rejected.list("results").getFirst().get("reasons")).isEqualTo(List.of("model_rejected"));
        float[] features = ScriptedModel.lastFeatures;
        assertThat(features).hasSize(FeatureExtractor.WINDOW * FeatureExtractor.FEATURES);
        assertThat(features[(FeatureExtractor.WINDOW - 1) * FeatureExtractor.FEATURES + FeatureExtractor.MASK]).isEqualTo(1f);

        ScriptedModel.score = 0.8;
        var suspicious = send(UUID.randomUUID(), walk(randomPlace(), 2));
        assertThat(verdicts(suspicious)).containsOnly("SUSPICIOUS");
        assertThat(suspicious.json()).containsEntry("accepted", 2);
    }

    @Test
    void withoutTheModelTheRulesAloneDecideAndNothingFails() {
        for (ScriptedModel.Mode mode : List.of(ScriptedModel.Mode.UNAVAILABLE, ScriptedModel.Mode.HANGING,
                ScriptedModel.Mode.BROKEN)) {
            ScriptedModel.mode = mode;
            int callsBefore = ScriptedModel.calls.get();
            long started = System.nanoTime();
            var r = send(UUID.randomUUID(), walk(randomPlace(), 5));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(verdicts(r)).as(mode.name()).containsOnly("TRUSTED");
            assertThat(ScriptedModel.calls.get()).as("the model was asked").isGreaterThan(callsBefore);
            assertThat(millis).as("%s: waited at most about the model timeout", mode).isLessThan(5_000);
        }
    }

    @Test
    void theModelServerGoingAwayMidGameIsInvisibleToThePlayer() {
        UUID player = UUID.randomUUID();
        double[] start = randomPlace();
        long now = System.currentTimeMillis();
        ScriptedModel.mode = ScriptedModel.Mode.SCORE;
        ScriptedModel.score = 0.1;
        // An irregular walk (a perfectly regular one is robotic_motion).
        var before = send(player, List.of(fix(start, 5, now - 3000), fix(move(start, 1.2, 0), 5, now - 2000)));
        assertThat(verdicts(before)).containsOnly("TRUSTED");

        ScriptedModel.mode = ScriptedModel.Mode.UNAVAILABLE;   // breaker opens: Triton is down
        var during = send(player, List.of(fix(move(start, 3.1, 10), 5, now - 1000), fix(move(start, 4.2, 0), 5, now)));
        assertThat(verdicts(during)).containsOnly("TRUSTED");

        var events = ApiTestSupport.records(TrackingLog.TOPIC, r -> player.toString().equals(r.key()), 4,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(4);
        List<Object> scores = events.stream().map(e -> ApiTestSupport.parse(json, e.value()).get("payload"))
                .map(p -> (Object) ((Map<?, ?>) p).get("modelScore")).toList();
        assertThat(scores.subList(0, 2)).containsOnly((Object) 0.1);
        assertThat(scores.subList(2, 4)).containsOnlyNulls();
    }
}
