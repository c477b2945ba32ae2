package ore.core.http.openapi;

/**
 * Texts of the OpenAPI documents shared by the services: the problem responses every protected or
 * rate-limited operation can give. Constants, so annotations can use them.
 */
public final class ProblemDocs {

    public static final String RETRY_AFTER = "Retry-After";
    public static final String RETRY_AFTER_DESCRIPTION = "Whole seconds to wait before retrying.";

    public static final String RATE_LIMITED = "request.rate_limited: too many requests from this client address or "
            + "player; wait the seconds in Retry-After, then retry.";
    public static final String RATE_LIMITED_EXAMPLE = "{\"type\": \"https://errors.ore.game/request/rate_limited\", "
            + "\"title\": \"Too Many Requests\", \"status\": 429, "
            + "\"detail\": \"Too many requests; retry after the time in Retry-After.\", "
            + "\"instance\": \"/api/game/nodes\", \"code\": \"request.rate_limited\", "
            + "\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

    public static final String UNAUTHENTICATED = "auth.unauthenticated: no bearer access token, or one that is "
            + "malformed, expired or signed with an unknown key. Refresh the tokens (POST /api/auth/refresh) or sign "
            + "in again.";
    public static final String UNAUTHENTICATED_EXAMPLE = "{\"type\": \"https://errors.ore.game/auth/unauthenticated\", "
            + "\"title\": \"Unauthorized\", \"status\": 401, \"detail\": \"Unauthorized\", "
            + "\"instance\": \"/api/game/inventory\", \"code\": \"auth.unauthenticated\", "
            + "\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

    public static final String FORBIDDEN = "auth.forbidden: the access token is valid but lacks the role this "
            + "operation needs (admin).";
    public static final String FORBIDDEN_EXAMPLE = "{\"type\": \"https://errors.ore.game/auth/forbidden\", "
            + "\"title\": \"Forbidden\", \"status\": 403, \"detail\": \"Forbidden\", "
            + "\"instance\": \"/api/game/admin/holds\", \"code\": \"auth.forbidden\", "
            + "\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

    public static final String INVALID_REQUEST = "request.invalid: the body is not valid JSON, a field has the wrong "
            + "type, or a required field is missing or out of bounds; errors names the fields.";

    private ProblemDocs() {
    }
}
