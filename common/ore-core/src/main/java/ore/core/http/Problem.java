package ore.core.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * <p>{@code type} is a stable URI per error code ({@link #TYPE_BASE} + code), so clients can switch
 * on it; {@code code} repeats the code in a form that is easy to log; {@code traceId} lets support
 * find the request in the logs; {@code errors} lists field-level validation failures.
 */
@Serdeable
@Schema(description = "An RFC 9457 problem details body (application/problem+json). Switch on code (or type); "
        + "detail is for the developer reading it, not for display.")
public record Problem(
        @Schema(description = "Stable URI per error code", example = "https://errors.ore.game/game/cooldown",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(description = "The HTTP reason phrase", example = "Too Many Requests",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String title,
        @Schema(description = "The HTTP status code", example = "429", requiredMode = Schema.RequiredMode.REQUIRED)
        int status,
        @Schema(description = "What went wrong, in English, for the developer", example = "You mined a moment ago; "
                + "wait for the cooldown (see Retry-After).")
        @Nullable String detail,
        @Schema(description = "The request path", example = "/api/game/mine")
        @Nullable String instance,
        @Schema(description = "The stable error code: <area>.<reason>", example = "game.cooldown",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String code,
        @Schema(description = "W3C trace id of the request; quote it when reporting a problem",
                example = "4bf92f3577b34da6a3ce929d0e0e4736")
        @Nullable String traceId,
        @Schema(description = "Field-level validation failures (request.invalid)")
        @Nullable List<FieldError> errors) {

    public static final String TYPE_BASE = "https://errors.ore.game/";
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: a JSON-pointer-like path ({@code email}, {@code fixes[3].lat}) and why. */
    @Serdeable
    public record FieldError(@Schema(example = "fixes[3].lat",
            requiredMode = Schema.RequiredMode.REQUIRED) String field,
                             @Schema(example = "must be less than or equal to 90",
                                     requiredMode = Schema.RequiredMode.REQUIRED) String message) {
    }

    public static String typeFor(String code) {
        return TYPE_BASE + code.replace('.', '/');
    }
}
