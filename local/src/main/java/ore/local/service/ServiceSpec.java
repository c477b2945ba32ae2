package ore.local.service;

import java.nio.file.Path;
import java.util.Map;

/**
 * One service of the local stack: its short name (log prefix, router target), the port it listens on
 * locally (docs/contracts.md), its runnable jar relative to the repository root, and environment variables
 * only it needs on top of the shared ones.
 */
public record ServiceSpec(String name, int port, Path jar, Map<String, String> extraEnv) {

    public ServiceSpec {
        extraEnv = Map.copyOf(extraEnv);
    }

    /** The same service on another port (the launcher's {@code ORE_LOCAL_PORT_OFFSET}). */
    public ServiceSpec shifted(int offset) {
        return new ServiceSpec(name, port + offset, jar, extraEnv);
    }

    /** The jar Maven's package phase leaves in a service module: {@code <module>/target/<module>-<version>.jar}. */
    public static Path jarOf(String module) {
        return Path.of(module, "target", module + "-0.1.0-SNAPSHOT.jar");
    }
}
