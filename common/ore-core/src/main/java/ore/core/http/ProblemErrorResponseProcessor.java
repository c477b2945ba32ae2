package ore.core.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders every error the framework produces itself (unreadable JSON, wrong types, constraint
 * violations, unknown routes, wrong methods or media types, body too large, uncaught exceptions) as
 * problem+json, so a client sees one error format whatever went wrong.
 *
 * <p>Messages of 4xx errors describe the client's own input and are passed on. A 5xx never carries
 * the exception's message or stack: the client gets a generic text and the trace id to quote, and
 * the details stay in the server log.
 */
@Singleton
@Primary
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail;
        List<Problem.FieldError> fieldErrors = new ArrayList<>();
        if (status.getCode() >= 500) {
            detail = status == HttpStatus.SERVICE_UNAVAILABLE
                    ? "The service is temporarily unavailable; retry later."
                    : "Internal error. Quote the traceId when reporting it.";
        } else {
            var messages = new ArrayList<String>();
            for (var error : context.getErrors()) {
                String message = clean(error.getMessage());
                if (error.getPath().isPresent()) {
                    fieldErrors.add(new Problem.FieldError(fieldOf(error.getPath().get()), message));
                }
                messages.add(message);
            }
            detail = messages.isEmpty() ? status.getReason() : String.join("; ", messages);
        }
        MutableHttpResponse<Problem> problem = ProblemResponses.of(context.getRequest(), status, codeOf(status),
                detail, fieldErrors, null);
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> problem.header(name, v));
            }
        });
        return problem;
    }

    static String codeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "request.invalid";
            case UNAUTHORIZED -> "auth.unauthenticated";
            case FORBIDDEN -> "auth.forbidden";
            case NOT_FOUND -> "request.not_found";
            case METHOD_NOT_ALLOWED -> "request.method_not_allowed";
            case NOT_ACCEPTABLE -> "request.not_acceptable";
            case REQUEST_ENTITY_TOO_LARGE -> "request.too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "request.unsupported_media_type";
            case UNPROCESSABLE_ENTITY -> "request.unprocessable";
            case TOO_MANY_REQUESTS -> "request.rate_limited";
            case SERVICE_UNAVAILABLE -> "server.unavailable";
            default -> status.getCode() >= 500 ? "server.internal_error" : "request.error";
        };
    }

    /**
     * Validation paths come as {@code method.parameter.field[0].sub}; clients know only the body's own
     * field names, so the method and parameter segments are dropped.
     */
    static String fieldOf(String path) {
        String[] parts = path.split("\\.");
        if (parts.length <= 2) {
            return parts[parts.length - 1];
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }

    /** Keeps parser messages to their first line: Jackson appends source excerpts after it. */
    private static String clean(String message) {
        if (message == null) {
            return "Invalid request";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
