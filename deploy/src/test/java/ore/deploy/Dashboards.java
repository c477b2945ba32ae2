package ore.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboards in deploy/observability/grafana (classic JSON model, one file per dashboard):
 * their panels, the PromQL of every panel target and template variable, and that PromQL with the
 * Grafana variables replaced by values Prometheus accepts, so promtool can check it.
 */
final class Dashboards {

    static final String FOLDER = "deploy/observability/grafana";

    /** Grafana's own variables, with the value put in their place for promtool (any valid one would do). */
    static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "5m", "__interval", "1m", "__range", "1h",
            "__interval_ms", "60000", "__range_s", "3600", "__range_ms", "3600000");

    /** $name, ${name}, ${name:format} and the deprecated [[name]]. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)(?::[^\\]]*)?]]");

    /** A template variable's query that reads series: label_values(selector, label) or query_result(expr). */
    static final Pattern VARIABLE_QUERY = Pattern.compile("^\\s*(?:label_values\\((.+),\\s*\\w+\\)|query_result\\((.+)\\))\\s*$",
            Pattern.DOTALL);

    private Dashboards() {
    }

    record Dashboard(Path file, JsonNode json) {

        String uid() {
            return json.path("uid").asString("");
        }

        String title() {
            return json.path("title").asString("");
        }

        /** Every panel, the panels inside rows included, rows themselves included. */
        List<JsonNode> panels() {
            List<JsonNode> all = new ArrayList<>();
            collect(json.path("panels"), all);
            return all;
        }

        private static void collect(JsonNode panels, List<JsonNode> into) {
            for (JsonNode panel : panels) {
                into.add(panel);
                collect(panel.path("panels"), into);
            }
        }

        /** The template variables by name, in the dashboard's order. */
        Map<String, JsonNode> variables() {
            Map<String, JsonNode> variables = new LinkedHashMap<>();
            json.path("templating").path("list").forEach(v -> variables.put(v.path("name").asString(""), v));
            return variables;
        }
    }

    /**
     * One PromQL expression of a dashboard: a panel target's {@code expr}, or the series a template
     * variable's query reads (panelId 0, refId the variable's name).
     */
    record Query(Dashboard dashboard, String panel, int panelId, String refId, String expr) {

        String where() {
            return dashboard.file().getFileName() + " panel '" + panel + "' (" + panelId + ") " + refId;
        }

        /** The expression with every Grafana variable replaced, ready for promtool. */
        String substituted() {
            return substitute(expr, dashboard.variables());
        }
    }

    static List<Dashboard> all() {
        return Repo.files(FOLDER, ".json").stream().map(f -> new Dashboard(f, Repo.json(f))).toList();
    }

    /** Every panel target's expression and every variable query's series selector. */
    static List<Query> queries(Dashboard dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(dashboard, panel.path("title").asString(""), panel.path("id").asInt(),
                        target.path("refId").asString(""), target.path("expr").asString("")));
            }
        }
        for (JsonNode variable : dashboard.variables().values()) {
            if (!variable.path("type").asString("").equals("query")) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asString("") : query.asString("");
            Matcher m = VARIABLE_QUERY.matcher(text);
            if (m.matches()) {
                queries.add(new Query(dashboard, "variable " + variable.path("name").asString(), 0,
                        variable.path("name").asString(), m.group(1) != null ? m.group(1) : m.group(2)));
            }
        }
        return queries;
    }

    static List<Query> allQueries() {
        return all().stream().flatMap(d -> queries(d).stream()).toList();
    }

    /** The metric names every dashboard reads. */
    static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        allQueries().forEach(q -> names.addAll(MetricNames.of(q.substituted())));
        return names;
    }

    /**
     * Replaces Grafana's variables: built-ins by {@link #BUILT_INS}; a dashboard's interval variable
     * by 5m, a constant or text box by its value, any other by its "All" value when it has one, else
     * by a sample label value. A variable the dashboard does not define is an error.
     */
    static String substitute(String expr, Map<String, JsonNode> variables) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = BUILT_INS.get(name);
            if (value == null) {
                JsonNode variable = variables.get(name);
                if (variable == null) {
                    throw new IllegalArgumentException("$" + name + " is neither a Grafana built-in nor a variable "
                            + "of the dashboard: " + expr);
                }
                value = switch (variable.path("type").asString("")) {
                    case "interval" -> "5m";
                    case "constant", "textbox" -> variable.path("query").asString("");
                    case "datasource" -> throw new IllegalArgumentException("the datasource variable $" + name
                            + " belongs in a datasource field, not in PromQL: " + expr);
                    default -> variable.path("includeAll").asBoolean(false) && variable.hasNonNull("allValue")
                            ? variable.get("allValue").asString() : "sample";
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
