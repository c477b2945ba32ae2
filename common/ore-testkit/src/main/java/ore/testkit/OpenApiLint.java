package ore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lints the OpenAPI document a service module publishes (micronaut-openapi writes it to
 * {@code target/classes/META-INF/swagger/} at compile time) with the Redocly CLI pinned in
 * {@code tools/openapi} and its {@code redocly.yaml}. A document passes with no error and no
 * {@code operation-4xx-response} warning: every operation must say which problems it can answer.
 *
 * <p>Without {@code tools/openapi/node_modules} (or without Node.js) the check fails, naming the
 * command that installs it: like every other piece of test infrastructure here, it is never skipped.
 */
public final class OpenApiLint {

    /** Warnings that fail the lint all the same. */
    static final List<String> FAILING_WARNINGS = List.of("operation-4xx-response");
    static final String INSTALL = "npm ci --prefix tools/openapi --ignore-scripts";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiLint() {
    }

    /** One finding of the linter. */
    public record Problem(String rule, String severity, String message, String where) {
        @Override
        public String toString() {
            return severity + " " + rule + ": " + message + " (" + where + ")";
        }
    }

    /** The findings for one document, all of them (the caller decides what fails). */
    public record Report(Path document, List<Problem> problems) {

        /** Errors, and the warnings that count as errors here. */
        public List<Problem> failures() {
            return problems.stream()
                    .filter(p -> p.severity().equals("error") || FAILING_WARNINGS.contains(p.rule()))
                    .toList();
        }
    }

    /** Thrown when the linter is not installed. */
    public static final class NotInstalled extends RuntimeException {
        NotInstalled(String message) {
            super(message);
        }
    }

    /** The documents a module published: {@code <module>/target/classes/META-INF/swagger/*.yml}. */
    public static List<Path> documents(Path moduleDir) {
        Path swagger = moduleDir.resolve("target/classes/META-INF/swagger");
        if (!Files.isDirectory(swagger)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(swagger)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the first folder upwards holding tools/openapi/redocly.yaml. */
    public static Path repoRoot(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("tools/openapi/redocly.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("tools/openapi/redocly.yaml not found above " + from.toAbsolutePath());
    }

    /**
     * Runs {@code redocly lint --format=json} on the document (on the calling platform thread, at
     * most 120 s) and returns every finding.
     *
     * @throws NotInstalled when tools/openapi is not installed or Node.js is missing
     */
    public static Report lint(Path repoRoot, Path document) {
        Path tools = repoRoot.resolve("tools/openapi");
        Path cli = tools.resolve("node_modules/@redocly/cli/bin/cli.js");
        if (!Files.exists(cli)) {
            throw new NotInstalled("The OpenAPI linter is not installed: run `" + INSTALL + "` in " + repoRoot);
        }
        List<String> command = List.of("node", cli.toString(), "lint", "--format=json",
                "--config", tools.resolve("redocly.yaml").toString(), document.toString());
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("redocly", ".json");
            err = Files.createTempFile("redocly", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(tools.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new NotInstalled("Node.js is needed to lint the OpenAPI documents (apt-get install nodejs npm; "
                        + "then " + INSTALL + "): " + e.getMessage());
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
            }
            String json = Files.readString(out, StandardCharsets.UTF_8);
            int start = json.indexOf('{');
            if (start < 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                        + " without a JSON report:\n" + json + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Report(document, parse(JSON.readTree(json.substring(start))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static List<Problem> parse(JsonNode report) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode p : report.path("problems")) {
            JsonNode location = p.path("location").path(0);
            String where = location.path("pointer").asText("");
            if (where.isEmpty()) {
                where = location.path("source").path("ref").asText("");
            }
            problems.add(new Problem(p.path("ruleId").asText(), p.path("severity").asText(),
                    p.path("message").asText(), where));
        }
        return problems;
    }

    /**
     * The whole check of a service module, for its test: it published at least one document, every
     * document passes the lint ({@link Report#failures()} empty) and none names an {@code /internal/}
     * path. Throws {@link AssertionError} listing what is wrong.
     */
    public static void check(Path moduleDir) {
        List<Path> documents = documents(moduleDir);
        if (documents.isEmpty()) {
            throw new AssertionError("no OpenAPI document under " + moduleDir + "/target/classes/META-INF/swagger");
        }
        Path root = repoRoot(moduleDir);
        List<String> failures = new ArrayList<>();
        for (Path document : documents) {
            Report report;
            try {
                report = lint(root, document);
            } catch (NotInstalled e) {
                throw new AssertionError(e.getMessage(), e);
            }
            report.failures().forEach(p -> failures.add(root.relativize(document) + ": " + p));
            try {
                if (Files.readString(document).contains("/internal/")) {
                    failures.add(root.relativize(document) + ": names an /internal/ path; internal endpoints stay out of the public document");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("redocly lint:\n" + String.join("\n", failures));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up
            }
        }
    }
}
