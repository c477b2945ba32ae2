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
 * OpenAPI only: the operation needs a role the token may lack (admin) and answers 403
 * {@code auth.forbidden} then. An operation with more 403 codes declares its own 403 instead.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "403", description = ProblemDocs.FORBIDDEN,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "auth.forbidden", value = ProblemDocs.FORBIDDEN_EXAMPLE)))
public @interface ForbiddenResponse {
}
