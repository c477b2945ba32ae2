package ore.local.router;

/**
 * The router's own error bodies, in the services' RFC 9457 shape ({@code ore.core.http.Problem}), so a
 * client handles an error from the router exactly like one from a service.
 */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://errors.ore.game/";

    private Problems() {
    }

    record Body(int status, String json) {
    }

    static Body of(int status, String code, String title, String detail, String instance) {
        String json = "{\"type\":" + quote(TYPE_BASE + code.replace('.', '/'))
                + ",\"title\":" + quote(title)
                + ",\"status\":" + status
                + ",\"detail\":" + quote(detail)
                + ",\"instance\":" + quote(instance)
                + ",\"code\":" + quote(code) + "}";
        return new Body(status, json);
    }

    static Body serviceUnavailable(String service, String path) {
        return of(503, "server.unavailable", "Service unavailable",
                "The " + service + " service is not part of the local stack yet, or is not running.", path);
    }

    static Body upstreamDown(String service, int port, String path) {
        return of(503, "server.unavailable", "Service unavailable",
                "The " + service + " service does not answer on 127.0.0.1:" + port + "; see its [" + service
                        + "] lines in the launcher output.", path);
    }

    static Body upstreamTimeout(String service, String path) {
        return of(504, "server.timeout", "Gateway timeout",
                "The " + service + " service did not answer within 10 seconds.", path);
    }


    static Body noRoute(String path) {
        return of(404, "server.not_found", "Not found",
                "No route: the API lives under /api/auth, /api/location, /api/game and /ws.", path);
    }

    static Body tooLarge(long limit, String path) {
        return of(413, "server.request_too_large", "Request too large",
                "The router accepts request bodies up to " + limit + " bytes.", path);
    }

    static Body badGateway(String service, String path) {
        return of(502, "server.bad_gateway", "Bad gateway",
                "The request to the " + service + " service failed; see its [" + service
                        + "] lines in the launcher output.", path);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
