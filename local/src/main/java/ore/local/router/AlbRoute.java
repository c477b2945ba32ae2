package ore.local.router;

import java.util.List;

/**
 * One path-prefix rule of the production ALB (DESIGN.md §3): requests whose path is {@code prefix}
 * or starts with {@code prefix + "/"} go to {@code service}.
 */
public record AlbRoute(String prefix, String service) {

    public AlbRoute {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a route prefix starts with / and does not end with one: " + prefix);
        }
    }

    /** The ALB's HTTP routes. {@code /ws/*} is not here: the router answers it itself (see {@link RouteTable}). */
    public static final List<AlbRoute> PRODUCTION = List.of(
            new AlbRoute("/api/auth", "auth"),
            new AlbRoute("/api/location", "location"),
            new AlbRoute("/api/game", "game"));

    boolean matches(String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
