package ore.local.infra;

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
}
