package ore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsScrapeTest {

    /** A page as micrometer-registry-prometheus writes it (text format 0.0.4), trimmed. */
    static final String PAGE = """
            # HELP http_server_requests_seconds HTTP server request processing time
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{exception="none",method="GET",status="200",uri="/health",le="0.1"} 2
            http_server_requests_seconds_bucket{exception="none",method="GET",status="200",uri="/health",le="+Inf"} 2
            http_server_requests_seconds_count{exception="none",method="GET",status="200",uri="/health"} 2
            http_server_requests_seconds_sum{exception="none",method="GET",status="200",uri="/health"} 0.099
            # HELP http_server_requests_seconds_max HTTP server request processing time
            # TYPE http_server_requests_seconds_max gauge
            http_server_requests_seconds_max{exception="none",method="GET",status="200",uri="/a b{c}"} 0.086
            # HELP ore_game_mines_total Successful mines (not replays), by ore type
            # TYPE ore_game_mines_total counter
            ore_game_mines_total{ore="copper"} 0.0
            # TYPE jvm_threads_live_threads gauge
            jvm_threads_live_threads 133.0
            process_uptime_seconds 50.911 1712345678000

            # TYPE ore_declared_only gauge
            """;

    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void familiesAreTheTypeLinesAndTheSampleNames() {
        assertThat(MetricsScrape.families(PAGE)).containsExactlyInAnyOrder(
                "http_server_requests_seconds", "http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
                "http_server_requests_seconds_sum", "http_server_requests_seconds_max", "ore_game_mines_total",
                "jvm_threads_live_threads", "process_uptime_seconds", "ore_declared_only");
        // OpenMetrics names the counter family without _total; its samples carry it.
        assertThat(MetricsScrape.families("# TYPE a counter\na_total 1.0\na_created 1.7e9\n# EOF\n"))
                .containsExactlyInAnyOrder("a", "a_total", "a_created");
    }

    @Test
    void metricsTxtMarksPrometheusAndConditionalNames(@TempDir Path dir) throws IOException {
        Path file = listing(dir, """
                # name   source
                up                   prometheus: scrape health
                ore_a_total          some/File.java counter ore.a
                ore_b                some/File.java gauge ore.b [only if: ORE_B_TARGET is set]
                """);
        assertThat(MetricsScrape.readListed(file)).containsExactly(
                new MetricsScrape.Listed("up", "prometheus: scrape health", MetricsScrape.Kind.PROMETHEUS, null),
                new MetricsScrape.Listed("ore_a_total", "some/File.java counter ore.a", MetricsScrape.Kind.SERVICE, null),
                new MetricsScrape.Listed("ore_b", "some/File.java gauge ore.b [only if: ORE_B_TARGET is set]",
                        MetricsScrape.Kind.CONDITIONAL, "ORE_B_TARGET is set"));
        assertThatThrownBy(() -> MetricsScrape.readListed(listing(dir, "ore_c   x.java [only if ORE_C]\n")))
                .hasMessageContaining("ore_c has a malformed condition");
    }

    @Test
    void theRepositorysMetricsTxtReadsWithEveryKind() {
        Path metricsTxt = Path.of("").toAbsolutePath().getParent().resolve("deploy/observability/metrics.txt");
        var listed = MetricsScrape.readListed(metricsTxt);
        assertThat(listed).extracting(MetricsScrape.Listed::kind).contains(MetricsScrape.Kind.values());
        assertThat(listed).filteredOn(l -> l.kind() == MetricsScrape.Kind.CONDITIONAL)
                .allSatisfy(l -> assertThat(l.condition()).isNotBlank());
    }

    @Test
    void theUnionOfThePagesMustHoldEveryServiceMetricAndSkipsAreReported(@TempDir Path dir) throws IOException {
        URI first = serve("/first", PAGE, 200);
        URI second = serve("/second", "# TYPE ore_other_total counter\nore_other_total 0.0\nore_b 1.0\n", 200);
        Path file = listing(dir, """
                up                            prometheus: scrape health
                ore_game_mines_total          x.java counter ore.game.mines
                http_server_requests_seconds_bucket   micronaut HTTP server filter
                ore_other_total               y.java counter ore.other
                ore_b                         y.java gauge ore.b [only if: ORE_B_TARGET is set]
                ore_c_seconds_count           z.java timer ore.c [only if: ORE_C_TARGET is set]
                """);
        var report = MetricsScrape.check(file, List.of(first, second)).assertComplete();
        assertThat(report.missing()).isEmpty();
        assertThat(report.required()).containsExactly("ore_game_mines_total", "http_server_requests_seconds_bucket",
                "ore_other_total");
        assertThat(report.skipped()).isEqualTo(Map.of("ore_c_seconds_count", "ORE_C_TARGET is set"));
        assertThat(report.conditionalPresent()).containsExactly("ore_b");
        assertThat(report.prometheus()).containsExactly("up");
        assertThat(report.toString()).contains("3 of 3 service metrics present")
                .contains("skipped ore_c_seconds_count: absent, exposed only if ORE_C_TARGET is set")
                .contains("present although conditional: ore_b").contains("made by Prometheus, not checked: up");

        Files.writeString(file, "ore_missing_total   x.java counter ore.missing\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        var incomplete = MetricsScrape.check(file, List.of(first, second));
        assertThat(incomplete.missing()).containsExactly("ore_missing_total");
        assertThatThrownBy(incomplete::assertComplete).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no service exposes: [ore_missing_total]")
                .hasMessageContaining("skipped ore_c_seconds_count");
    }

    @Test
    void aPageThatDoesNotAnswer200IsAnError(@TempDir Path dir) throws IOException {
        URI notFound = serve("/metrics", "not here", 404);
        Path file = listing(dir, "ore_a_total   x.java counter ore.a\n");
        assertThatThrownBy(() -> MetricsScrape.check(file, List.of(notFound)))
                .hasMessageContaining(notFound + " answered 404");
    }

    private URI serve(String path, String body, int status) throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
        }
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static Path listing(Path dir, String text) throws IOException {
        Path file = Files.createTempFile(dir, "metrics", ".txt");
        Files.writeString(file, text);
        return file;
    }
}
