package ore.local.router;

import java.util.List;

/**
 * One path-prefix rule of the production ALB (docs/architecture.md): requests whose path is {@code prefix}
 * or starts with {@code prefix + "/"} go to {@code service}.
 */
public record AlbRoute(String prefix, String service) {

    public AlbRoute {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a route prefix starts with / and does not end with one: " + prefix);
        }
    }

    /** The ALB's routes; {@code /ws} carries WebSocket upgrades (sticky sessions on the real ALB). */
    public static final List<AlbRoute> PRODUCTION = List.of(
            new AlbRoute("/api/auth", "auth"),
            new AlbRoute("/api/location", "location"),
            new AlbRoute("/api/game", "game"),
            new AlbRoute("/ws", "realtime"));

    boolean matches(String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
