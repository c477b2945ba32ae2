package ore.testkit;

import java.util.Optional;

/** Environment look-ups; blank values count as unset so an empty export does not mislead the kit. */
final class Env {

    private Env() {
    }

    static Optional<String> get(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    static boolean isCi() {
        return get("CI").map("true"::equalsIgnoreCase).orElse(false);
    }

    /** The kit reports each source once, so CI logs show which servers a run really used. */
    static void announce(String line) {
        System.err.println("ore-testkit: " + line);
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
