package ore.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The environment variables a service reads: its application.yml's properties as Micronaut maps
 * them (upper case, dots and dashes to underscores), plus the framework's own prefixes and the
 * map-valued settings whose keys are names (clients, per-route limits, rates), plus the settings
 * the operations guide or the module's README documents (those bound only in code, like secrets).
 */
final class Settings {

    /** Read by Micronaut modules (datasources, kafka, redis, server, logging) or the JVM. */
    static final List<String> FRAMEWORK_PREFIXES = List.of("DATASOURCES_DEFAULT_", "KAFKA_", "REDIS_",
            "MICRONAUT_", "JAVA_TOOL_OPTIONS", "LOG_LEVEL", "ENDPOINTS_");
    /** Settings whose next segment is a name chosen by the deployment. */
    static final List<String> MAP_ROOTS = List.of("ORE_AUTH_CLIENTS_", "ORE_RATE_LIMIT_ROUTES_",
            "ORE_GAME_REWARDS_RATES_");

    private Settings() {
    }

    /** A setting in backticks in the operations guide or the module's README counts as read. */
    private static final java.util.regex.Pattern DOCUMENTED = java.util.regex.Pattern.compile("`([A-Z][A-Z0-9_]{3,})`");

    static Set<String> of(String module) {
        Path yml = Repo.file(module + "/src/main/resources/application.yml");
        Set<String> names = new HashSet<>();
        flatten("", Repo.yaml(yml), names);
        for (String doc : List.of("docs/operations.md", module + "/README.md")) {
            Path path = Repo.root().resolve(doc);
            if (Files.exists(path)) {
                try {
                    var m = DOCUMENTED.matcher(Files.readString(path));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return names;
    }

    private static void flatten(String prefix, JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
                names.add(envName(key));
                flatten(key, entry.getValue(), names);
            }
        }
    }

    static String envName(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }

    /** The names among {@code used} that the module does not read. */
    static List<String> unknown(String module, Collection<String> used) {
        Set<String> known = of(module);
        return used.stream()
                .filter(name -> !known.contains(name))
                .filter(name -> FRAMEWORK_PREFIXES.stream().noneMatch(name::startsWith))
                .filter(name -> MAP_ROOTS.stream().noneMatch(name::startsWith))
                .sorted()
                .toList();
    }

    static boolean exists(String module) {
        return Files.exists(Repo.root().resolve(module + "/src/main/resources/application.yml"));
    }
}
