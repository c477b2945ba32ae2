package ore.core.error;

/**
 * What kind of failure a {@link DomainException} is, in the domain's words. The HTTP edge maps each
 * category to a status code (see {@code ore.core.http.ProblemResponses}); the core never names one.
 */
public enum ErrorCategory {
    /** The request is malformed or violates a rule the caller can fix. */
    INVALID_INPUT,
    /** No valid credentials were presented. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    NOT_FOUND,
    /** The request conflicts with the current state (taken email, wallet already linked...). */
    CONFLICT,
    /** Well-formed, but the domain refuses it (e.g. a rule about the game state). */
    UNPROCESSABLE,
    /** Too many attempts; the exception carries when to try again. */
    RATE_LIMITED,
    /** A dependency is down or overloaded; retrying later may succeed. */
    UNAVAILABLE
}
