package ore.core.http.openapi;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import ore.core.http.Problem;

/**
 * OpenAPI only: the operation can answer 429 {@code request.rate_limited} from the per-address or
 * per-player rate limit ({@code ore.core.http.RateLimitFilters}), with {@code Retry-After}. Put it on
 * a controller (every operation) or an operation; an operation with its own 429 (e.g. a cooldown)
 * declares that instead and names request.rate_limited in its description.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "429", description = ProblemDocs.RATE_LIMITED,
        headers = @Header(name = ProblemDocs.RETRY_AFTER, description = ProblemDocs.RETRY_AFTER_DESCRIPTION,
                schema = @Schema(type = "integer", minimum = "1", example = "30")),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "request.rate_limited", value = ProblemDocs.RATE_LIMITED_EXAMPLE)))
public @interface RateLimitedResponse {
}
