package ore.location.api;

import java.nio.file.Path;
import ore.testkit.OpenApiLint;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document this service publishes (generated at compile time) is what game-client
 * developers build against: it passes Redocly's recommended rules (tools/openapi/redocly.yaml) with
 * no error and a 4xx response on every operation, and keeps /internal/* out ({@link OpenApiLint#check}).
 */
class OpenApiLintTest {

    @Test
    void thePublishedDocumentPassesTheLintAndLeavesInternalEndpointsOut() {
        OpenApiLint.check(Path.of("").toAbsolutePath());
    }
}
