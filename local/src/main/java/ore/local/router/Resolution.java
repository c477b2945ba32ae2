package ore.local.router;

/** What the router does with one request path; decided by {@link RouteTable#resolve}, pure. */
public sealed interface Resolution {

    /** Send the request to the service listening on {@code port} of 127.0.0.1, path and query unchanged. */
    record Forward(String service, int port) implements Resolution {
    }

    /** The ALB has a route for this path, but its service is not part of this local stack. */
    record Unavailable(String service) implements Resolution {
    }

    /** No ALB rule matches; the real ALB answers its default fixed 404 too. */
    record NoRoute() implements Resolution {
    }
}
