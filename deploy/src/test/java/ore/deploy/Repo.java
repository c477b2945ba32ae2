package ore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** The repository checkout the tests read: its root, and JSON/YAML files parsed into trees. */
final class Repo {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Repo() {
    }

    /** The repository root: set by the build, else found by walking up to deploy/sizing.yaml. */
    static Path root() {
        String configured = System.getProperty("ore.repo.root");
        if (configured != null && Files.exists(Path.of(configured, "deploy", "sizing.yaml"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("deploy/sizing.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("deploy/sizing.yaml not found above " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(relative + " is missing from the repository");
        }
        return path;
    }

    static JsonNode json(String relative) {
        return json(file(relative));
    }

    static JsonNode json(Path path) {
        try {
            return JSON.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String relative) {
        return yaml(file(relative));
    }

    static JsonNode yaml(Path path) {
        try {
            return JSON.valueToTree(loader().load(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML stream (as kubectl kustomize prints it). */
    static List<JsonNode> yamlDocuments(String text) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : loader().loadAll(text)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    /**
     * SnakeYAML with anchors, aliases and merge keys ({@code <<: *defaults}) resolved, as docker
     * compose and GitHub Actions read them, but with YAML 1.2's scalars: {@code on}, {@code yes} and
     * {@code 8081:8080} stay strings (YAML 1.1 would make the first two booleans and the last a
     * base-60 number), timestamps stay strings.
     */
    private static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new Yaml12Resolver());
    }

    private static final class Yaml12Resolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                    "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** Files under a folder of the repository whose name ends with the suffix, sorted. */
    static List<Path> files(String folder, String suffix) {
        try (Stream<Path> walk = Files.walk(file(folder))) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path path) {
        return root().relativize(path).toString();
    }
}
