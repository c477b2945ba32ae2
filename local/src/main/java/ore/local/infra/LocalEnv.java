package ore.local.infra;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The launcher's environment variables; blank counts as unset, so an empty export does not mislead. */
public record LocalEnv(Map<String, String> variables) {

    public static LocalEnv system() {
        return new LocalEnv(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * True when {@code ORE_LOCAL_EMBEDDED} (a comma-separated list: {@code postgres}, {@code redis})
     * names the component: use the embedded server even though one runs on the machine, for a stack
     * that shares nothing with other work on the machine.
     */
    public boolean forcesEmbedded(String component) {
        return get("ORE_LOCAL_EMBEDDED").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .anyMatch(c -> c.trim().equalsIgnoreCase(component));
    }
}
