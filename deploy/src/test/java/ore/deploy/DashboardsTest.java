package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboards as code (deploy/observability/grafana): each parses, has a stable uid and the
 * current schema, reads Prometheus only through its {@code ${datasource}} variable, and every query is
 * PromQL that promtool accepts (as a recording rule, Grafana's variables replaced) reading only metrics
 * listed in deploy/observability/metrics.txt. How they reach a cluster: KubernetesManifestsTest.
 */
class DashboardsTest {

    /** The classic dashboard model's schema version in current Grafana (the last of that model). */
    static final int SCHEMA_VERSION = 42;
    static final JsonNode PROMETHEUS = Repo.JSON.readTree("{\"type\": \"prometheus\", \"uid\": \"${datasource}\"}");

    @Test
    void everyDashboardParsesWithAStableUniqueUidAndTheCurrentSchema() {
        List<Dashboards.Dashboard> dashboards = Dashboards.all();
        assertThat(dashboards).extracting(d -> d.file().getFileName().toString())
                .contains("ore-system-overview.json", "ore-service-health.json", "ore-business.json");
        Set<String> uids = new TreeSet<>();
        Set<String> titles = new TreeSet<>();
        for (Dashboards.Dashboard d : dashboards) {
            String file = d.file().getFileName().toString();
            assertThat(d.uid()).as(file + " uid (at most 40 characters, Grafana's limit)").matches("ore-[a-z0-9-]{1,36}");
            assertThat(file).as("the file is named after its uid").isEqualTo(d.uid() + ".json");
            assertThat(uids.add(d.uid())).as("uid " + d.uid() + " is used once").isTrue();
            assertThat(titles.add(d.title())).as("title '" + d.title() + "' is used once").isTrue();
            assertThat(d.title()).as(file + " title").startsWith("ORE / ");
            assertThat(d.json().path("schemaVersion").asInt()).as(file + " schemaVersion").isEqualTo(SCHEMA_VERSION);
            assertThat(d.json().path("id").isMissingNode() || d.json().path("id").isNull())
                    .as(file + ": no database id, so provisioning and import create or update by uid").isTrue();
            assertThat(d.json().path("tags").toString()).as(file + " tags").contains("\"ore\"");
        }
    }

    @Test
    void prometheusIsReachedOnlyThroughTheDatasourceVariable() {
        for (Dashboards.Dashboard d : Dashboards.all()) {
            String file = d.file().getFileName().toString();
            JsonNode datasource = d.variables().get("datasource");
            assertThat(datasource).as(file + " has the template variable 'datasource'").isNotNull();
            assertThat(datasource.path("type").asString()).as(file).isEqualTo("datasource");
            assertThat(datasource.path("query").asString()).as(file + ": the variable lists Prometheus data sources")
                    .isEqualTo("prometheus");
            for (JsonNode panel : d.panels()) {
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                String where = file + " panel '" + panel.path("title").asString() + "'";
                assertThat(panel.get("datasource")).as(where + " datasource").isEqualTo(PROMETHEUS);
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.get("datasource")).as(where + " target " + target.path("refId").asString())
                            .isEqualTo(PROMETHEUS);
                }
            }
            for (JsonNode variable : d.variables().values()) {
                if (variable.path("type").asString().equals("query")) {
                    assertThat(variable.get("datasource")).as(file + " variable " + variable.path("name").asString())
                            .isEqualTo(PROMETHEUS);
                }
            }
            List<String> fixed = new ArrayList<>();
            collectDatasourceUids(d.json(), fixed);
            assertThat(fixed).as(file + ": data source uids other than ${datasource} (Grafana's own built-in aside)")
                    .allMatch(uid -> uid.equals("${datasource}") || uid.equals("-- Grafana --"));
        }
    }

    private static void collectDatasourceUids(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("datasource") && e.getValue().isObject()) {
                    into.add(e.getValue().path("uid").asString("(none)"));
                } else if (e.getKey().equals("datasource") && e.getValue().isString()) {
                    into.add(e.getValue().asString());
                }
                collectDatasourceUids(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectDatasourceUids(child, into));
        }
    }

    @Test
    void panelsHaveUniqueIdsAQueryEachAndDoNotOverlap() {
        for (Dashboards.Dashboard d : Dashboards.all()) {
            String file = d.file().getFileName().toString();
            Set<Integer> ids = new TreeSet<>();
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode panel : d.panels()) {
                String where = file + " panel '" + panel.path("title").asString() + "'";
                assertThat(ids.add(panel.path("id").asInt())).as(where + " id " + panel.path("id") + " is used once").isTrue();
                assertThat(panel.path("title").asString("")).as(where + " title").isNotBlank();
                JsonNode grid = panel.path("gridPos");
                int x = grid.path("x").asInt(-1);
                int y = grid.path("y").asInt(-1);
                int w = grid.path("w").asInt(0);
                int h = grid.path("h").asInt(0);
                assertThat(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24).as(where + " gridPos " + grid).isTrue();
                for (int[] other : boxes) {
                    boolean apart = x + w <= other[0] || other[0] + other[2] <= x || y + h <= other[1] || other[1] + other[3] <= y;
                    assertThat(apart).as(where + " overlaps another panel at " + grid).isTrue();
                }
                boxes.add(new int[] {x, y, w, h});
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                assertThat(panel.path("targets").size()).as(where + " has a query").isPositive();
                Set<String> refIds = new TreeSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(refIds.add(target.path("refId").asString(""))).as(where + " refIds are unique").isTrue();
                    assertThat(target.path("expr").asString("")).as(where + " expr").isNotBlank();
                }
            }
        }
    }

    @Test
    void grafanaVariablesAreReplacedAndAnUndefinedOneIsAnError() {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        variables.put("service", Repo.JSON.readTree("{\"name\": \"service\", \"type\": \"query\"}"));
        variables.put("instance", Repo.JSON.readTree("{\"name\": \"instance\", \"type\": \"query\", \"includeAll\": true, \"allValue\": \".+\"}"));
        variables.put("window", Repo.JSON.readTree("{\"name\": \"window\", \"type\": \"interval\"}"));
        assertThat(Dashboards.substitute("sum(rate(x_total{job=\"$service\", instance=~\"${instance}\"}[$__rate_interval]))"
                + " / sum(increase(y_total{job=\"[[service]]\"}[${__range}])) + avg_over_time(z[$window:$__interval])", variables))
                .isEqualTo("sum(rate(x_total{job=\"sample\", instance=~\".+\"}[5m])) / sum(increase(y_total{job=\"sample\"}[1h]))"
                        + " + avg_over_time(z[5m:1m])");
        assertThat(Dashboards.substitute("up{job=~\"${service:regex}\"}", variables)).isEqualTo("up{job=~\"sample\"}");
        assertThatThrownBy(() -> Dashboards.substitute("up{job=\"$nope\"}", variables))
                .hasMessageContaining("$nope is neither a Grafana built-in nor a variable");
    }

    @Test
    void everyQueryIsPromQlThatPromtoolAccepts(@TempDir Path dir) throws IOException {
        List<Dashboards.Query> queries = Dashboards.allQueries();
        assertThat(queries).hasSizeGreaterThan(30);
        Map<String, String> rules = new LinkedHashMap<>();
        for (Dashboards.Query q : queries) {
            String expr = q.substituted();
            assertThat(expr).as(q.where() + ": every variable replaced").doesNotContain("$").doesNotContain("[[");
            String record = "dashboard:" + q.dashboard().uid().replace('-', '_') + ":panel" + q.panelId() + "_" + q.refId();
            assertThat(rules.put(record, expr)).as(q.where() + " is the only query named " + record).isNull();
        }
        Promtool result = checkRules(dir, rules);
        assertThat(result.exitCode()).as("promtool check rules on the dashboards' queries:\n" + result.output()).isZero();
        assertThat(result.output()).as("promtool read every query").contains("SUCCESS: " + rules.size() + " rules found");
    }

    @Test
    void theCheckRejectsAQueryThatIsNotPromQl(@TempDir Path dir) throws IOException {
        Promtool result = checkRules(dir, Map.of("dashboard:broken:panel1_A", "sum by (job) (rate(up[5m])"));
        assertThat(result.exitCode()).as(result.output()).isNotZero();
    }

    /** The expressions as recording rules in one group, written as JSON (which is YAML), checked by promtool. */
    static Promtool checkRules(Path dir, Map<String, String> rules) throws IOException {
        List<Map<String, String>> list = new ArrayList<>();
        rules.forEach((record, expr) -> list.add(Map.of("record", record, "expr", expr)));
        Path file = dir.resolve("dashboard-queries.rules.yml");
        Files.writeString(file, Repo.JSON.writeValueAsString(
                Map.of("groups", List.of(Map.of("name", "dashboards", "rules", list)))));
        return Promtool.run(dir, "check", "rules", file.toString());
    }

    @Test
    void everyMetricTheDashboardsReadIsListedInMetricsTxt() {
        Map<String, String> listed = MetricNames.listed();
        int read = 0;
        for (Dashboards.Query q : Dashboards.allQueries()) {
            for (String name : MetricNames.of(q.substituted())) {
                assertThat(listed).as(q.where() + " reads " + name + ": add it to " + MetricNames.METRICS
                        + " with the code that defines it, or do not use it").containsKey(name);
                read++;
            }
        }
        assertThat(read).isPositive();
    }

    @Test
    void dashboardsStaySmallEnoughForAClientSideKubectlApply() throws IOException {
        // kubectl apply (client side) copies the ConfigMap into an annotation; annotations hold 256 KiB.
        for (Dashboards.Dashboard d : Dashboards.all()) {
            assertThat(Files.size(d.file())).as(d.file().getFileName() + " size").isLessThan(200_000);
        }
    }
}
