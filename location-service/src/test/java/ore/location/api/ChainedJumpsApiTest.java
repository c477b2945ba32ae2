package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.move;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static ore.location.api.ApiTestSupport.randomPlace;
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
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Chains of small jumps, each "within the accuracy radii" of the previous fix, as a spoofer sends
 * them: the speed over the whole window gives them away after two steps.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainedJumpsApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    private List<Map<String, Object>> chain(int n, long firstTs, Random steps) {
        double[] at = randomPlace();
        var fixes = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < n; i++) {
            fixes.add(fix(at, 50, firstTs + i * 1000L));
            at = move(at, steps == null ? 110 : 80 + steps.nextDouble() * 40, 0);
        }
        return fixes;
    }

    private List<Map<String, Object>> send(List<Map<String, Object>> fixes, int batchSize) {
        String token = playerToken(UUID.randomUUID());
        var results = new ArrayList<Map<String, Object>>();
        for (int from = 0; from < fixes.size(); from += batchSize) {
            var r = call(http, json, post("/api/location/updates",
                    batch(fixes.subList(from, Math.min(fixes.size(), from + batchSize))), token));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            results.addAll(r.list("results"));
        }
        return results;
    }

    @Test
    void twentyJumpsOf110MetresASecondApartAreRejectedAfterTheSecond() {
        long now = System.currentTimeMillis();
        var results = new ArrayList<Map<String, Object>>();
        // One request per fix, as the spoofer in the review sent them.
        String token = playerToken(UUID.randomUUID());
        for (var fix : chain(20, now - 19_000, null)) {
            var r = call(http, json, post("/api/location/updates", batch(List.of(fix)), token));
            results.addAll(r.list("results"));
        }
        assertThat(results.subList(0, 2)).extracting(r -> r.get("accepted")).containsOnly(true);
        assertThat(results.subList(2, 20)).extracting(r -> r.get("verdict")).containsOnly("REJECTED");
        assertThat(results.get(2).get("reasons")).isEqualTo(List.of("teleport"));
    }

    @Test
    void variedStepLengthsDoNotHelp() {
        var results = send(chain(20, System.currentTimeMillis() - 19_000, new Random(7)), 5);
        // 80-120 m steps: the third fix may still pass as a fast car; from the fourth on the window shows > 50 m/s.
        assertThat(results.stream().filter(r -> "TRUSTED".equals(r.get("verdict"))).count()).isLessThanOrEqualTo(3);
        assertThat(results.subList(3, 20)).extracting(r -> r.get("accepted")).containsOnly(false);
    }

    @Test
    void oneBackdatedBatchOfFiftyCoversNoDistance() {
        var results = send(chain(50, System.currentTimeMillis() - 60_000, null), 50);
        assertThat(results.subList(2, 50)).extracting(r -> r.get("verdict")).containsOnly("REJECTED");
    }
}
