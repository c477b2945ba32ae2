package ore.core.http.openapi;

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
 * OpenAPI only: the operation needs a valid access token and answers 401 {@code auth.unauthenticated}
 * without one. An operation that has more 401 codes declares its own 401 instead.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "401", description = ProblemDocs.UNAUTHENTICATED,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "auth.unauthenticated", value = ProblemDocs.UNAUTHENTICATED_EXAMPLE)))
public @interface UnauthenticatedResponse {
}
