package ore.auth.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ore.testkit.OpenApiLint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document this service publishes (generated at compile time) is what game-client
 * developers build against: it must pass Redocly's recommended rules (tools/openapi/redocly.yaml)
 * with no error and with a 4xx response on every operation, and keep /internal/* out.
 */
class OpenApiLintTest {

    static final Path MODULE = Path.of("").toAbsolutePath();

    static List<Path> documents() {
        List<Path> documents = OpenApiLint.documents(MODULE);
        assertThat(documents).as("no OpenAPI document under " + MODULE + "/target/classes/META-INF/swagger")
                .isNotEmpty();
        return documents;
    }

    @Test
    void thePublishedDocumentPassesTheLint() {
        Path root = OpenApiLint.repoRoot(MODULE);
        for (Path document : documents()) {
            OpenApiLint.Report report;
            try {
                report = OpenApiLint.lint(root, document);
            } catch (OpenApiLint.NotInstalled e) {
                if (OpenApiLint.required()) {
                    throw new AssertionError(e.getMessage(), e);
                }
                Assumptions.abort(e.getMessage());
                return;
            }
            assertThat(report.failures()).as("redocly lint " + root.relativize(document) + ":\n"
                    + String.join("\n", report.failures().stream().map(Object::toString).toList())).isEmpty();
        }
    }

    @Test
    void internalEndpointsStayOutOfThePublicDocument() throws IOException {
        for (Path document : documents()) {
            assertThat(Files.readString(document)).as(document.getFileName().toString()).doesNotContain("/internal/");
        }
    }
}
