package ore.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live check of deploy/observability/metrics.txt, the metric names the alert rules and dashboards
 * read: every name a service is said to expose must be on the /metrics page of at least one running
 * service. Names Prometheus makes itself (source "prometheus...") are left out; names that appear only
 * under a condition (source ending with "[only if: condition]") are reported as skipped with that
 * condition, or as present when they are there anyway. Nothing is skipped silently.
 */
public final class MetricsScrape {

    /** "[only if: ORE_INFERENCE_TARGET is set]" at the end of a source. */
    static final Pattern CONDITION = Pattern.compile("\\[only if:\\s*([^\\]]+)]\\s*$");
    /** A metric name at the start of a sample line, or the name of a "# TYPE" line. */
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:[{\\s]|$)");
    static final Pattern TYPE = Pattern.compile("^#\\s+TYPE\\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\\s");

    private MetricsScrape() {
    }

    /** How metrics.txt says a name shows up. */
    enum Kind {
        /** made by Prometheus while scraping, on no /metrics page */
        PROMETHEUS,
        /** on a service's /metrics page */
        SERVICE,
        /** on a service's page only under {@link Listed#condition()} */
        CONDITIONAL
    }

    /** One line of metrics.txt. */
    record Listed(String name, String source, Kind kind, String condition) {
    }

    /**
     * What a check found: the names required and missing, those skipped with their condition, the
     * conditional ones present anyway, and the Prometheus-made ones left out.
     */
    public record Report(List<URI> pages, List<String> required, Set<String> missing, Map<String, String> skipped,
                         Set<String> conditionalPresent, Set<String> prometheus) {

        /** Throws an AssertionError naming what is missing (and what was skipped) unless nothing is. */
        public Report assertComplete() {
            if (!missing.isEmpty()) {
                throw new AssertionError("metrics.txt names " + missing.size() + " metric(s) no service exposes: "
                        + missing + "\n" + this);
            }
            return this;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("metrics.txt against ").append(pages.size()).append(" /metrics page(s): ")
                    .append(required.size() - missing.size()).append(" of ").append(required.size())
                    .append(" service metrics present");
            if (!missing.isEmpty()) {
                out.append("\n  missing: ").append(String.join(", ", missing));
            }
            skipped.forEach((name, condition) -> out.append("\n  skipped ").append(name).append(": absent, exposed only if ")
                    .append(condition));
            conditionalPresent.forEach(name -> out.append("\n  present although conditional: ").append(name));
            if (!prometheus.isEmpty()) {
                out.append("\n  made by Prometheus, not checked: ").append(String.join(", ", prometheus));
            }
            return out.toString();
        }
    }

    /** Fetches every page (10 s each) and compares the union of their metric names with metrics.txt. */
    public static Report check(Path metricsTxt, List<URI> pages) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> exposed = new TreeSet<>();
        for (URI page : pages) {
            exposed.addAll(families(fetch(http, page)));
        }
        return compare(readListed(metricsTxt), exposed, pages);
    }

    static Report compare(List<Listed> listed, Set<String> exposed, List<URI> pages) {
        List<String> required = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Set<String> conditionalPresent = new TreeSet<>();
        Set<String> prometheus = new TreeSet<>();
        for (Listed metric : listed) {
            boolean present = exposed.contains(metric.name());
            switch (metric.kind()) {
                case PROMETHEUS -> prometheus.add(metric.name());
                case CONDITIONAL -> {
                    if (present) {
                        conditionalPresent.add(metric.name());
                    } else {
                        skipped.put(metric.name(), metric.condition());
                    }
                }
                case SERVICE -> {
                    required.add(metric.name());
                    if (!present) {
                        missing.add(metric.name());
                    }
                }
            }
        }
        return new Report(List.copyOf(pages), List.copyOf(required), missing, skipped, conditionalPresent, prometheus);
    }

    /** The page's body; anything but a 200 in 10 s is an error naming the page. */
    static String fetch(HttpClient http, URI page) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(page + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("could not scrape " + page + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping " + page, e);
        }
    }

    /**
     * The metric names on a Prometheus (or OpenMetrics) text page: every family of a "# TYPE" line and
     * every sample's name ({@code _total}, {@code _bucket}, {@code _count}, {@code _sum} included).
     */
    static Set<String> families(String page) {
        Set<String> names = new TreeSet<>();
        for (String line : page.split("\n")) {
            String l = line.strip();
            Matcher m = l.startsWith("#") ? TYPE.matcher(l) : SAMPLE.matcher(l);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** metrics.txt's names with their source, kind and condition, in the file's order. */
    static List<Listed> readListed(Path metricsTxt) {
        List<String> lines;
        try {
            lines = Files.readAllLines(metricsTxt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Listed> listed = new ArrayList<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            if (parts.length != 2) {
                throw new IllegalStateException(metricsTxt + ": '" + line + "' names no source");
            }
            String source = parts[1];
            Matcher condition = CONDITION.matcher(source);
            if (source.startsWith("prometheus")) {
                listed.add(new Listed(parts[0], source, Kind.PROMETHEUS, null));
            } else if (condition.find()) {
                listed.add(new Listed(parts[0], source, Kind.CONDITIONAL, condition.group(1).strip()));
            } else if (source.contains("[only if")) {
                throw new IllegalStateException(metricsTxt + ": " + parts[0] + " has a malformed condition (expected "
                        + "\"[only if: <condition>]\" at the end): " + source);
            } else {
                listed.add(new Listed(parts[0], source, Kind.SERVICE, null));
            }
        }
        return listed;
    }
}
