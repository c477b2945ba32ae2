package ore.testkit;

import java.util.List;

/**
 * Thrown when a test needs PostgreSQL, Redis or Kafka and none of the sources the kit knows is
 * reachable. Tests fail rather than skip: a skipped test looks green and hides a missing server.
 */
public final class InfrastructureUnavailableException extends IllegalStateException {

    InfrastructureUnavailableException(String what, List<String> tried, String howToStart) {
        super(message(what, tried, howToStart));
    }

    private static String message(String what, List<String> tried, String howToStart) {
        var sb = new StringBuilder("ore-testkit: no ").append(what).append(" for tests. Tried, in order:");
        for (int i = 0; i < tried.size(); i++) {
            sb.append("\n  ").append(i + 1).append(") ").append(tried.get(i));
        }
        if (Env.isCi()) {
            sb.append("\nCI=true: tests never skip for missing infrastructure; the CI script must start ")
                    .append(what).append(" before the build.");
        }
        return sb.append("\nTo fix: ").append(howToStart).toString();
    }
}
