package ore.location.api;

import static ore.location.api.ApiTestSupport.batch;
import static ore.location.api.ApiTestSupport.call;
import static ore.location.api.ApiTestSupport.fix;
import static ore.location.api.ApiTestSupport.playerToken;
import static ore.location.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import ore.location.corpus.SpoofingCorpus;
import ore.location.corpus.Trajectory;
import ore.location.domain.fix.Fix;
import ore.location.domain.geo.GeoMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The spoofing corpus ({@link SpoofingCorpus}) through the real service over HTTP, in batches of
 * ten as a client sends them. Prints, per pattern, how many fixes ended TRUSTED / SUSPICIOUS /
 * REJECTED (also written to {@code target/spoofing-corpus-report.txt}), and fails when
 * <ul>
 *   <li>an honest fix is REJECTED, or</li>
 *   <li>a spoofer reaches a minable position: a fake fix judged TRUSTED with accuracy fit for
 *       mining (20 m or better, game-service's bound) more than 40 m (the mining distance) from
 *       where the device really is. A fake fix within 40 m of the device gains the spoofer nothing.</li>
 * </ul>
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpoofingCorpusApiTest implements TestPropertyProvider {

    static final double MINING_DISTANCE_M = 40;
    static final double MINING_ACCURACY_M = 20;
    static final int BATCH = 10;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ApiTestSupport.properties(Map.of());
    }

    /** Per pattern: counts of verdicts, of fake fixes, and of fake fixes at a minable position. */
    static final class Tally {
        int trusted;
        int suspicious;
        int rejected;
        int fake;
        int minableFake;
        final Map<String, Integer> reasons = new TreeMap<>();
    }

    @Test
    void noSpooferReachesAMinablePositionAndNoHonestFixIsRejected() throws IOException {
        List<Trajectory> corpus = SpoofingCorpus.generate(4, 20261201L);
        var tallies = new LinkedHashMap<String, Tally>();
        var failures = new ArrayList<String>();
        for (Trajectory trajectory : corpus) {
            Tally tally = tallies.computeIfAbsent(trajectory.pattern(), k -> new Tally());
            List<Map<String, Object>> results = send(trajectory);
            for (int i = 0; i < results.size(); i++) {
                Map<String, Object> result = results.get(i);
                String verdict = (String) result.get("verdict");
                @SuppressWarnings("unchecked")
                List<String> reasons = (List<String>) result.getOrDefault("reasons", List.of());
                reasons.forEach(code -> tally.reasons.merge(code, 1, Integer::sum));
                switch (verdict) {
                    case "TRUSTED" -> tally.trusted++;
                    case "SUSPICIOUS" -> tally.suspicious++;
                    default -> tally.rejected++;
                }
                Fix reported = trajectory.fixes().get(i);
                if (!trajectory.spoofer() && "REJECTED".equals(verdict)) {
                    failures.add(trajectory.pattern() + " fix " + i + " rejected: " + reasons);
                }
                if (trajectory.spoofer() && i >= trajectory.cheatFrom()) {
                    tally.fake++;
                    double[] truth = trajectory.truth().get(i);
                    double offset = GeoMath.distanceM(reported.lat(), reported.lon(), truth[0], truth[1]);
                    if ("TRUSTED".equals(verdict) && reported.accuracyM() <= MINING_ACCURACY_M
                            && offset > MINING_DISTANCE_M) {
                        tally.minableFake++;
                        failures.add(String.format(Locale.ROOT, "%s fix %d TRUSTED %.0f m from the device",
                                trajectory.pattern(), i, offset));
                    }
                }
            }
        }
        String report = report(tallies);
        System.out.println(report);
        Path out = Path.of("target", "spoofing-corpus-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);

        assertThat(failures).as(report).isEmpty();
        // The corpus must really exercise both sides: spoofers had fake fixes, honest players were trusted.
        for (String pattern : SpoofingCorpus.SPOOFERS) {
            assertThat(tallies.get(pattern).fake).as(pattern).isPositive();
        }
        for (String pattern : SpoofingCorpus.HONEST) {
            assertThat(tallies.get(pattern).trusted).as(pattern).isPositive();
        }
    }

    /** Sends the trajectory (timestamps ending now) in batches; the per-fix results in order. */
    private List<Map<String, Object>> send(Trajectory trajectory) {
        String token = playerToken(UUID.randomUUID());
        List<Fix> fixes = trajectory.endingAt(System.currentTimeMillis() - 500);
        var results = new ArrayList<Map<String, Object>>(fixes.size());
        for (int from = 0; from < fixes.size(); from += BATCH) {
            var body = fixes.subList(from, Math.min(fixes.size(), from + BATCH)).stream()
                    .map(f -> fix(new double[] {f.lat(), f.lon()}, f.accuracyM(), f.tsMillis())).toList();
            var r = call(http, json, post("/api/location/updates", batch(body), token));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            results.addAll(r.list("results"));
        }
        return results;
    }

    private static String report(Map<String, Tally> tallies) {
        var sb = new StringBuilder("Spoofing corpus (location-service over HTTP)\n");
        sb.append(String.format(Locale.ROOT, "%-20s %8s %10s %9s %6s %8s  %s%n", "pattern", "TRUSTED", "SUSPICIOUS",
                "REJECTED", "fake", "minable", "reasons"));
        tallies.forEach((pattern, t) -> sb.append(String.format(Locale.ROOT, "%-20s %8d %10d %9d %6d %8d  %s%n",
                pattern, t.trusted, t.suspicious, t.rejected, t.fake, t.minableFake, t.reasons)));
        return sb.toString();
    }
}
