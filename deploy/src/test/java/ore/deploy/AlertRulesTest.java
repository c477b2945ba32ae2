package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The alerting as code: the Prometheus rules in deploy/observability/prometheus (checked and unit-tested
 * with promtool), their runbooks in docs/runbooks, the metric names they may read
 * (deploy/observability/metrics.txt, shared with the dashboards of DashboardsTest) and the CloudWatch
 * alarms of the ECS side.
 */
class AlertRulesTest {

    static final String RULES = "deploy/observability/prometheus/alerts.yml";
    static final String RULE_TESTS = "deploy/observability/prometheus/alerts.test.yml";
    static final String METRICS = MetricNames.METRICS;
    static final String ALARMS = "deploy/ecs/observability/cloudwatch-alarms.json";
    static final String RUNBOOKS = "docs/runbooks";
    static final String RUNBOOK_URL = "https://github.com/ore-game/ore-backend/blob/main/docs/runbooks/";
    static final Set<String> SEVERITIES = Set.of("P1", "P2", "P3", "P4");

    // ---------------------------------------------------------------------------------------------
    // promtool
    // ---------------------------------------------------------------------------------------------

    @Test
    void promtoolAcceptsTheRules() {
        Promtool result = promtool("check", "rules", Repo.file(RULES).toString());
        assertThat(result.exitCode()).as("promtool check rules:\n" + result.output()).isZero();
    }

    @Test
    void promtoolUnitTestsPass() {
        Promtool result = promtool("test", "rules", Repo.file(RULE_TESTS).toString());
        assertThat(result.exitCode()).as("promtool test rules:\n" + result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    static Promtool promtool(String... args) {
        return Promtool.run(Repo.file(RULES).getParent(), args);
    }

    // ---------------------------------------------------------------------------------------------
    // The rules themselves
    // ---------------------------------------------------------------------------------------------

    record Rule(String group, JsonNode node) {
        boolean alert() {
            return node.has("alert");
        }

        String name() {
            return alert() ? node.get("alert").asString() : node.get("record").asString();
        }

        String expr() {
            return node.get("expr").asString();
        }

        String severity() {
            return node.path("labels").path("severity").asString("");
        }
    }

    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : Repo.yaml(RULES).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                rules.add(new Rule(group.get("name").asString(), rule));
            }
        }
        return rules;
    }

    static List<Rule> alerts() {
        return rules().stream().filter(Rule::alert).toList();
    }

    /** "AvailabilityBudgetBurnFast" → "availability-budget-burn-fast". */
    static String kebab(String alertName) {
        return alertName.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "-").toLowerCase(Locale.ROOT);
    }

    @Test
    void alertNamesAreUniqueCamelCaseAndRecordingRulesFollowTheLevelMetricOperationsForm() {
        Set<String> seen = new TreeSet<>();
        for (Rule rule : rules()) {
            assertThat(seen.add(rule.name())).as("rule name " + rule.name() + " is used twice").isTrue();
            if (rule.alert()) {
                assertThat(rule.name()).as("alert name").matches("[A-Z][A-Za-z0-9]+");
            } else {
                assertThat(rule.name()).as("recording rule name").matches("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");
                assertThat(rule.node().has("labels") || rule.node().has("annotations") || rule.node().has("for"))
                        .as(rule.name() + " records, it does not alert").isFalse();
            }
        }
        assertThat(alerts()).hasSizeGreaterThan(10);
    }

    @Test
    void everyAlertHasASeverityAServiceAnnotationsAndARunbookThatExists() {
        for (Rule alert : alerts()) {
            String name = alert.name();
            JsonNode labels = alert.node().path("labels");
            JsonNode annotations = alert.node().path("annotations");
            assertThat(alert.severity()).as(name + " severity").isIn(SEVERITIES);
            assertThat(labels.path("service").asString("")).as(name + " label service").isNotBlank();
            assertThat(annotations.path("summary").asString("")).as(name + " summary").isNotBlank();
            assertThat(annotations.path("description").asString("")).as(name + " description").isNotBlank();
            String runbook = RUNBOOK_URL + kebab(name) + ".md";
            assertThat(annotations.path("runbook_url").asString("")).as(name + " runbook_url").isEqualTo(runbook);
            assertThat(Repo.root().resolve(RUNBOOKS).resolve(kebab(name) + ".md"))
                    .as("runbook page of " + name).isRegularFile();
        }
    }

    @Test
    void runbookPagesBelongToAnAlertLinkBackAndAreIndexedUnderTheirPriority() throws IOException {
        Map<String, String> severityOfPage = new HashMap<>();
        alerts().forEach(a -> severityOfPage.put(kebab(a.name()) + ".md", a.severity()));
        for (JsonNode alarm : Repo.json(ALARMS)) {
            Matcher m = Pattern.compile(Pattern.quote(RUNBOOK_URL) + "([a-z0-9-]+\\.md)")
                    .matcher(alarm.path("AlarmDescription").asString(""));
            if (m.find()) {
                severityOfPage.putIfAbsent(m.group(1), alarm.path("AlarmDescription").asString().substring(0, 2));
            }
        }
        String index = Files.readString(Repo.file(RUNBOOKS + "/README.md"));
        Map<String, String> sections = sections(index);
        for (Path page : Repo.files(RUNBOOKS, ".md")) {
            String file = page.getFileName().toString();
            if (file.equals("README.md")) {
                continue;
            }
            assertThat(severityOfPage).as(file + " documents an alert or alarm that exists").containsKey(file);
            String text = Files.readString(page);
            assertThat(text).as(file + " links back to the runbook table").contains("../operations.md#runbook");
            for (String heading : List.of("## What it means", "## Impact", "## Checks", "## Fix", "## Escalation")) {
                assertThat(text).as(file + " has " + heading).contains(heading);
            }
            String severity = severityOfPage.get(file);
            assertThat(text).as(file + " states its severity").contains("**" + severity + "**");
            assertThat(sections.getOrDefault(severity, "")).as("README lists " + file + " under " + severity)
                    .contains("(" + file + ")");
        }
    }

    /** The README's text under each "## Pn" heading. */
    static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("## ")) {
                if (current != null) {
                    sections.put(current, text.toString());
                }
                current = line.substring(3).trim();
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, text.toString());
        }
        return sections;
    }

    // ---------------------------------------------------------------------------------------------
    // Unit-test coverage
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyPagingAlertHasAFiringAndASilentTestCase() {
        Set<String> known = new TreeSet<>();
        alerts().forEach(a -> known.add(a.name()));
        Set<String> fires = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        JsonNode tests = Repo.yaml(RULE_TESTS);
        assertThat(tests.path("rule_files").toString()).contains("alerts.yml");
        for (JsonNode test : tests.get("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String name = check.get("alertname").asString();
                assertThat(known).as("test '" + test.path("name").asString() + "' checks a known alert").contains(name);
                JsonNode expected = check.path("exp_alerts");
                if (expected.isArray() && !expected.isEmpty()) {
                    fires.add(name);
                    for (JsonNode alert : expected) {
                        assertThat(alert.path("exp_annotations").path("runbook_url").asString(""))
                                .as("a firing case of " + name + " states the annotations").startsWith(RUNBOOK_URL);
                    }
                } else {
                    silent.add(name);
                }
            }
        }
        for (Rule alert : alerts()) {
            if (alert.severity().equals("P1") || alert.severity().equals("P2")) {
                assertThat(fires).as(alert.name() + " (" + alert.severity() + ") has a test case where it fires")
                        .contains(alert.name());
                assertThat(silent).as(alert.name() + " (" + alert.severity() + ") has a test case where it stays silent")
                        .contains(alert.name());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Metric names
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyMetricTheRulesReadIsListedWithItsSourceAndEveryListedMetricIsReadByARuleOrADashboard() throws IOException {
        Map<String, String> allowed = MetricNames.listed();
        Set<String> recorded = new TreeSet<>();
        rules().stream().filter(r -> !r.alert()).forEach(r -> recorded.add(r.name()));
        Set<String> used = new TreeSet<>(Dashboards.metricNames());
        for (Rule rule : rules()) {
            for (String name : MetricNames.of(rule.expr())) {
                if (name.contains(":")) {
                    assertThat(recorded).as(rule.name() + " reads " + name + ", a recording rule of this file").contains(name);
                } else {
                    assertThat(allowed).as(rule.name() + " reads " + name + ": add it to " + METRICS
                            + " with the code that defines it, or do not use it").containsKey(name);
                    used.add(name);
                }
            }
        }
        assertThat(allowed.keySet()).as("metrics listed in " + METRICS + " but read by no rule and no dashboard ("
                + Dashboards.FOLDER + ")").isSubsetOf(used);
        for (var entry : allowed.entrySet()) {
            String source = entry.getValue();
            Matcher path = Pattern.compile("^([\\w./-]+\\.java)\\b").matcher(source);
            if (path.find()) {
                String file = path.group(1);
                assertThat(Repo.root().resolve(file)).as(entry.getKey() + " source file").isRegularFile();
                String meter = entry.getKey().replaceAll("_(total|seconds_bucket|seconds_count|seconds_sum|seconds_max)$", "");
                String code = Files.readString(Repo.root().resolve(file));
                assertThat(code.replace('.', '_')).as(entry.getKey() + " is defined in " + file).contains("\"" + meter + "\"");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // CloudWatch alarms (ECS side)
    // ---------------------------------------------------------------------------------------------

    /**
     * The members of the CloudWatch API's PutMetricAlarm request the alarms use, in the botocore
     * model's form (shape names, required members, enums and lengths of the CloudWatch API reference),
     * transcribed because the CloudWatch model is not vendored under deploy/schemas. An unknown key
     * is an error, as with the vendored ECS models.
     */
    static final String PUT_METRIC_ALARM_MODEL = """
            {"shapes": {
              "PutMetricAlarmInput": {"type": "structure",
                "required": ["AlarmName", "EvaluationPeriods", "ComparisonOperator"],
                "members": {
                  "AlarmName": {"shape": "AlarmName"}, "AlarmDescription": {"shape": "AlarmDescription"},
                  "ActionsEnabled": {"shape": "Boolean"}, "OKActions": {"shape": "ResourceList"},
                  "AlarmActions": {"shape": "ResourceList"}, "InsufficientDataActions": {"shape": "ResourceList"},
                  "MetricName": {"shape": "MetricName"}, "Namespace": {"shape": "Namespace"},
                  "Statistic": {"shape": "Statistic"}, "ExtendedStatistic": {"shape": "ExtendedStatistic"},
                  "Dimensions": {"shape": "Dimensions"}, "Period": {"shape": "Period"}, "Unit": {"shape": "StandardUnit"},
                  "EvaluationPeriods": {"shape": "EvaluationPeriods"}, "DatapointsToAlarm": {"shape": "DatapointsToAlarm"},
                  "Threshold": {"shape": "Threshold"}, "ComparisonOperator": {"shape": "ComparisonOperator"},
                  "TreatMissingData": {"shape": "TreatMissingData"},
                  "EvaluateLowSampleCountPercentile": {"shape": "EvaluateLowSampleCountPercentile"},
                  "Metrics": {"shape": "MetricDataQueries"}, "Tags": {"shape": "TagList"},
                  "ThresholdMetricId": {"shape": "MetricId"}}},
              "AlarmName": {"type": "string", "min": 1, "max": 255},
              "AlarmDescription": {"type": "string", "min": 0, "max": 1024},
              "Boolean": {"type": "boolean"},
              "ResourceList": {"type": "list", "member": {"shape": "ResourceName"}, "max": 5},
              "ResourceName": {"type": "string", "min": 1, "max": 1024},
              "MetricName": {"type": "string", "min": 1, "max": 255},
              "Namespace": {"type": "string", "min": 1, "max": 255},
              "Statistic": {"type": "string", "enum": ["SampleCount", "Average", "Sum", "Minimum", "Maximum"]},
              "ExtendedStatistic": {"type": "string"},
              "Dimensions": {"type": "list", "member": {"shape": "Dimension"}, "max": 30},
              "Dimension": {"type": "structure", "required": ["Name", "Value"],
                "members": {"Name": {"shape": "DimensionName"}, "Value": {"shape": "DimensionValue"}}},
              "DimensionName": {"type": "string", "min": 1, "max": 255},
              "DimensionValue": {"type": "string", "min": 1, "max": 1024},
              "Period": {"type": "integer", "min": 1},
              "StandardUnit": {"type": "string", "enum": ["Seconds", "Microseconds", "Milliseconds", "Bytes",
                "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits",
                "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
                "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
                "Gigabits/Second", "Terabits/Second", "Count/Second", "None"]},
              "EvaluationPeriods": {"type": "integer", "min": 1},
              "DatapointsToAlarm": {"type": "integer", "min": 1},
              "Threshold": {"type": "double"},
              "ComparisonOperator": {"type": "string", "enum": ["GreaterThanOrEqualToThreshold",
                "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
                "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold"]},
              "TreatMissingData": {"type": "string", "min": 1, "max": 255},
              "EvaluateLowSampleCountPercentile": {"type": "string", "min": 1, "max": 255},
              "MetricDataQueries": {"type": "list", "member": {"shape": "MetricDataQuery"}},
              "MetricDataQuery": {"type": "structure", "required": ["Id"],
                "members": {"Id": {"shape": "MetricId"}, "MetricStat": {"shape": "MetricStat"},
                  "Expression": {"shape": "MetricExpression"}, "Label": {"shape": "MetricLabel"},
                  "ReturnData": {"shape": "Boolean"}, "Period": {"shape": "Period"}, "AccountId": {"shape": "AccountId"}}},
              "MetricId": {"type": "string", "min": 1, "max": 255},
              "MetricExpression": {"type": "string", "min": 1, "max": 2048},
              "MetricLabel": {"type": "string"},
              "AccountId": {"type": "string", "min": 1, "max": 255},
              "MetricStat": {"type": "structure", "required": ["Metric", "Period", "Stat"],
                "members": {"Metric": {"shape": "Metric"}, "Period": {"shape": "Period"},
                  "Stat": {"shape": "Stat"}, "Unit": {"shape": "StandardUnit"}}},
              "Metric": {"type": "structure",
                "members": {"Namespace": {"shape": "Namespace"}, "MetricName": {"shape": "MetricName"},
                  "Dimensions": {"shape": "Dimensions"}}},
              "Stat": {"type": "string"},
              "TagList": {"type": "list", "member": {"shape": "Tag"}},
              "Tag": {"type": "structure", "required": ["Key", "Value"],
                "members": {"Key": {"shape": "TagKey"}, "Value": {"shape": "TagValue"}}},
              "TagKey": {"type": "string", "min": 1, "max": 128},
              "TagValue": {"type": "string", "min": 0, "max": 256}
            }}""";

    static final BotocoreShapes CLOUDWATCH = new BotocoreShapes(Repo.JSON.readTree(PUT_METRIC_ALARM_MODEL));
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    static Stream<JsonNode> alarms() {
        JsonNode alarms = Repo.json(ALARMS);
        assertThat(alarms.isArray()).as(ALARMS + " is a JSON array of PutMetricAlarm requests").isTrue();
        List<JsonNode> list = new ArrayList<>();
        alarms.forEach(list::add);
        return list.stream();
    }

    static String tag(JsonNode alarm, String key) {
        for (JsonNode tag : alarm.path("Tags")) {
            if (tag.get("Key").asString().equals(key)) {
                return tag.get("Value").asString();
            }
        }
        return "";
    }

    @Test
    void cloudWatchAlarmsArePutMetricAlarmRequests() {
        Set<String> names = new TreeSet<>();
        alarms().forEach(alarm -> {
            String name = alarm.path("AlarmName").asString("?");
            assertThat(CLOUDWATCH.validate(alarm, "PutMetricAlarmInput")).as(name).isEmpty();
            assertThat(names.add(name)).as(name + " is defined once").isTrue();
            assertThat(name).as("alarm name").matches("ore-[a-z0-9-]+");
            assertThat(alarm.get("TreatMissingData").asString()).as(name + " TreatMissingData")
                    .isIn("breaching", "notBreaching", "ignore", "missing");
            int evaluations = alarm.get("EvaluationPeriods").asInt();
            assertThat(alarm.path("DatapointsToAlarm").asInt(evaluations)).as(name + " DatapointsToAlarm")
                    .isBetween(1, evaluations);
            assertThat(alarm.has("Threshold")).as(name + " has a static threshold").isTrue();
            List<Integer> periods = new ArrayList<>();
            if (alarm.has("Metrics")) {
                assertThat(alarm.has("MetricName") || alarm.has("Namespace") || alarm.has("Statistic")
                        || alarm.has("ExtendedStatistic") || alarm.has("Dimensions") || alarm.has("Period"))
                        .as(name + ": Metrics excludes the single-metric members").isFalse();
                int returned = 0;
                Set<String> ids = new TreeSet<>();
                for (JsonNode query : alarm.get("Metrics")) {
                    String id = query.get("Id").asString();
                    assertThat(id).as(name + " query id").matches("[a-z][a-zA-Z0-9_]*");
                    assertThat(query.has("MetricStat") ^ query.has("Expression"))
                            .as(name + " query " + id + " has a MetricStat or an Expression").isTrue();
                    if (query.has("MetricStat")) {
                        periods.add(query.get("MetricStat").get("Period").asInt());
                    } else {
                        Matcher refs = Pattern.compile("\\b[a-z][a-zA-Z0-9_]*\\b(?!\\s*\\()").matcher(query.get("Expression").asString());
                        while (refs.find()) {
                            assertThat(ids).as(name + " expression refers to an earlier query").contains(refs.group());
                        }
                    }
                    ids.add(id);
                    if (query.path("ReturnData").asBoolean(true)) {
                        returned++;
                    }
                }
                assertThat(returned).as(name + ": exactly one query returns data").isEqualTo(1);
            } else {
                assertThat(alarm.has("Namespace") && alarm.has("MetricName") && alarm.has("Period"))
                        .as(name + " names its metric and period").isTrue();
                assertThat(alarm.has("Statistic") ^ alarm.has("ExtendedStatistic"))
                        .as(name + " has Statistic or ExtendedStatistic").isTrue();
                if (alarm.has("ExtendedStatistic")) {
                    assertThat(alarm.get("ExtendedStatistic").asString()).as(name).matches("p\\d{1,2}(\\.\\d+)?");
                }
                periods.add(alarm.get("Period").asInt());
            }
            for (int period : periods) {
                assertThat(period % 60).as(name + " period is a multiple of 60 s").isZero();
                if (period < 3600) {
                    assertThat(period * evaluations).as(name + ": evaluation range at most a day").isLessThanOrEqualTo(86_400);
                }
            }
            assertThat(periods.stream().distinct().count()).as(name + ": one period for every metric").isEqualTo(1);
        });
        assertThat(names).isNotEmpty();
    }

    @Test
    void cloudWatchAlarmsPageTheTopicOfTheirSeverityAndLinkARunbook() {
        Map<String, String> prometheusSeverity = new HashMap<>();
        alerts().forEach(a -> prometheusSeverity.put(kebab(a.name()), a.severity()));
        alarms().forEach(alarm -> {
            String name = alarm.get("AlarmName").asString();
            String description = alarm.get("AlarmDescription").asString();
            String severity = tag(alarm, "severity");
            assertThat(severity).as(name + " tag severity").isIn("P1", "P2");
            assertThat(description).as(name + " description starts with its severity").startsWith(severity + " ");
            assertThat(tag(alarm, "service")).as(name + " tag service").isNotBlank();
            String topic = "arn:aws:sns:${REGION}:${ACCOUNT}:ore-alerts-" + severity.toLowerCase(Locale.ROOT);
            assertThat(Repo.JSON.convertValue(alarm.get("AlarmActions"), String[].class)).as(name + " AlarmActions")
                    .containsExactly(topic);
            assertThat(alarm.path("ActionsEnabled").asBoolean(true)).as(name + " actions enabled").isTrue();
            Matcher runbook = Pattern.compile(Pattern.quote(RUNBOOK_URL) + "([a-z0-9-]+)\\.md").matcher(description);
            assertThat(runbook.find()).as(name + " description carries a runbook URL").isTrue();
            String page = runbook.group(1);
            assertThat(Repo.root().resolve(RUNBOOKS).resolve(page + ".md")).as(name + " runbook").isRegularFile();
            assertThat(name).as("alarm name ends with its runbook").contains(page);
            if (prometheusSeverity.containsKey(page)) {
                assertThat(severity).as(name + " has the severity of the Prometheus alert " + page)
                        .isEqualTo(prometheusSeverity.get(page));
            }
        });
    }

    @Test
    void cloudWatchAlarmsUseOnlyKnownPlaceholders() throws IOException {
        String text = Files.readString(Repo.file(ALARMS));
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            assertThat(m.group(1)).as("placeholder ${" + m.group(1) + "}")
                    .matches("REGION|ACCOUNT|ALB_SUFFIX|TG_(AUTH_SERVICE|LOCATION_SERVICE|GAME_SERVICE|REALTIME_ENGINE)");
        }
        assertThat(text.replaceAll("\\$\\{[A-Z0-9_]+}", "")).as("no other $ in " + ALARMS).doesNotContain("$");
    }

    @Test
    void cloudWatchCoversServiceDownForEveryServiceBehindTheAlb() {
        Set<String> down = new TreeSet<>();
        alarms().filter(a -> a.get("AlarmName").asString().endsWith("-service-down")).forEach(a -> down.add(tag(a, "service")));
        Set<String> routed = new TreeSet<>();
        Repo.json("deploy/ecs/alb.json").get("targetGroups").forEach(g -> routed.add(g.get("service").asString()));
        assertThat(down).isEqualTo(routed);
    }
}
