package ore.local.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void rendersTotalsRatesLatenciesAndErrorsWithAnExample() {
        Metrics m = new Metrics();
        m.signedIn.add(20);
        m.walletsLinked.add(20);
        m.fixesSent.add(2400);
        m.fixesTrusted.add(2390);
        m.fixesSuspicious.add(10);
        m.batches.add(480);
        m.mines.add(30);
        m.oreMined.add(30);
        m.claims.add(6);
        m.payoutsConfirmed.add(6);
        m.payoutsSeenByPush.add(5);
        m.verdictReason("suspicious:too_fast");
        m.refusal("game.node_depleted");
        m.refusal("game.node_depleted");
        m.throttled("POST /api/game/mine", 503, "server.overloaded");
        m.error("POST /api/game/mine → 500 server.error", "player a: 500 {\"code\":\"server.error\"}");
        m.error("POST /api/game/mine → 500 server.error", "player b: 500 the second one");
        m.push("inventory.changed");
        m.claimPaidAfter(4200);
        for (int i = 1; i <= 100; i++) {
            m.latency("POST /api/game/mine", i == 100 ? 500 : 200, i * 1_000_000L);
        }
        Report.Snapshot s = m.snapshot(20, Duration.ofSeconds(120), Duration.ofSeconds(150));
        String text = Report.render(s);

        assertThat(text).contains("20 players, 120 s of play, 150 s in all")
                .contains("20 signed in, 20 wallets linked")
                .contains("2400 sent in 480 batches (20.0/s): 2390 trusted, 10 suspicious, 0 rejected")
                .contains("suspicious:too_fast ×1")
                .contains("mines        30 (0.25/s), 30 ore")
                .contains("claims       6, payouts confirmed 6 (5 seen first on the socket)")
                .containsPattern("claim → paid: p50 4[12][0-9][0-9] ms")
                .contains("refusals     2 (expected): game.node_depleted ×2")
                .contains("throttled    1 (429 / 503, backed off): POST /api/game/mine 503 server.overloaded ×1")
                .contains("errors       2")
                .contains("2 × POST /api/game/mine → 500 server.error — e.g. player a: 500 {\"code\":\"server.error\"}")
                .doesNotContain("the second one")
                .contains("UNEXPECTED ERRORS (exit 1)");
        // Percentiles of 1..100 ms (HdrHistogram keeps 3 significant digits).
        assertThat(text).containsPattern("POST /api/game/mine\\s+100\\s+50\\.0\\s+95\\.0\\s+99\\.0\\s+100\\.0\\s+200 ×99, 500 ×1");
        assertThat(s.exitCode()).isEqualTo(1);
    }

    @Test
    void cleanRunExitsZero() {
        Report.Snapshot s = new Metrics().snapshot(1, Duration.ofSeconds(10), Duration.ofSeconds(12));
        assertThat(s.exitCode()).isZero();
        assertThat(Report.render(s)).contains("errors       0").contains("OK (exit 0)").doesNotContain("latency (ms)");
    }

    @Test
    void ratesArePerSecondOfPlay() {
        assertThat(Report.rate(300, Duration.ofSeconds(120))).isEqualTo(2.5);
        assertThat(Report.rate(300, Duration.ZERO)).isZero();
    }

    @Test
    void progressLine() {
        assertThat(Report.progress(42, 18, 20, 19.75, 12, 3, 2, 1, 0, 45.4))
                .isEqualTo("[ore-bots   42s] players 18/20 | fixes 19.8/s | mines 12 | claims 3 | paid 2 | throttled 1 | errors 0 | p99 45 ms");
    }

    @Test
    void snapshotMapsAreSortedForAStableReport() {
        Report.Snapshot s = new Report.Snapshot(1, 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, Map.of("b", 1L, "a", 2L), Map.of(), Map.of(), Map.of(), Map.of(), Report.Latency.NONE,
                Map.of());
        assertThat(s.refusalCodes().keySet()).containsExactly("a", "b");
    }
}
