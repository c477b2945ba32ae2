package ore.core.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.time.Duration;
import java.util.List;
import ore.core.error.ErrorCategory;
import ore.core.trace.TraceContext;
import ore.core.trace.TraceParent;

/** Builds problem+json responses; the single place where error categories become status codes. */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.of(Problem.MEDIA_TYPE);

    private ProblemResponses() {
    }

    public static HttpStatus statusOf(ErrorCategory category) {
        return switch (category) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, HttpStatus status, String code,
                                                  String detail, List<Problem.FieldError> errors,
                                                  Duration retryAfter) {
        var problem = new Problem(
                Problem.typeFor(code),
                status.getReason(),
                status.getCode(),
                detail,
                request == null ? null : request.getPath(),
                code,
                TraceContext.current().map(TraceParent::traceId).orElse(null),
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status).body(problem)
                .contentType(PROBLEM_JSON);
        if (retryAfter != null) {
            // Retry-After takes whole seconds; round up so a client never retries too early.
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            response.header("Retry-After", Long.toString(seconds));
        }
        return response;
    }
}
