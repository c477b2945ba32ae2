package ore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names PromQL expressions read (the alert rules' and the dashboards'), and
 * deploy/observability/metrics.txt, the list of names they may read with where each comes from.
 */
final class MetricNames {

    static final String METRICS = "deploy/observability/metrics.txt";

    /** Aggregation operators, keywords and literals of PromQL that look like identifiers. */
    static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio", "by", "without", "on", "ignoring",
            "group_left", "group_right", "and", "or", "unless", "bool", "offset", "atan2", "start", "end", "inf", "nan");
    static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MetricNames() {
    }

    /**
     * The metric names an expression reads: identifiers that are not inside strings, label matchers,
     * ranges or grouping lists, are not followed by "(" (functions) and are not PromQL words.
     */
    static Set<String> of(String expr) {
        String s = expr.replaceAll("#[^\n]*", "")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
                .replaceAll("`[^`]*`", "``")
                .replaceAll("\\{[^}]*}", "{}")
                .replaceAll("\\[[^\\]]*]", "[]")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1()");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            String rest = s.substring(m.end()).stripLeading();
            if (rest.startsWith("(") || PROMQL_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                continue;
            }
            names.add(word);
        }
        return names;
    }

    /** metrics.txt: name → where it is defined (the rest of the line), in the file's order. */
    static Map<String, String> listed() {
        Map<String, String> listed = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Repo.file(METRICS))) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 2);
                if (parts.length != 2) {
                    throw new IllegalStateException(METRICS + " line '" + line + "' must name a metric and where it is defined");
                }
                if (!parts[0].matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalStateException(METRICS + ": '" + parts[0] + "' is not a metric name");
                }
                if (listed.put(parts[0], parts[1]) != null) {
                    throw new IllegalStateException(METRICS + " lists " + parts[0] + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listed;
    }
}
