package ore.deploy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON Schemas vendored in deploy/schemas/, loaded once each. */
final class JsonSchemas {

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /**
     * Validates against deploy/schemas/{relative}. The Kubernetes schemas name the meta-schema
     * {@code http://json-schema.org/schema#} (no draft); they are read as draft-07, which is what
     * their generator writes.
     */
    static List<String> validate(String relative, JsonNode document) {
        Schema schema = CACHE.computeIfAbsent(relative, JsonSchemas::load);
        return schema.validate(document).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    private static Schema load(String relative) {
        JsonNode node = Repo.json("deploy/schemas/" + relative);
        SpecificationVersion version = SpecificationVersion.DRAFT_7;
        if (node.path("$schema").asString("").contains("2020-12")) {
            version = SpecificationVersion.DRAFT_2020_12;
        }
        if (node.path("$schema").asString("").equals("http://json-schema.org/schema#")) {
            ((ObjectNode) node).remove("$schema");
        }
        // A relative $id (compose's "compose_spec.json") resolves against the file's own location.
        var location = com.networknt.schema.SchemaLocation.of(
                Repo.file("deploy/schemas/" + relative).toUri().toString());
        return SchemaRegistry.withDefaultDialect(version).getSchema(location, node);
    }
}
