package ore.core.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * <p>{@code type} is a stable URI per error code ({@link #TYPE_BASE} + code), so clients can switch
 * on it; {@code code} repeats the code in a form that is easy to log; {@code traceId} lets support
 * find the request in the logs; {@code errors} lists field-level validation failures.
 */
@Serdeable
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        String code,
        @Nullable String traceId,
        @Nullable List<FieldError> errors) {

    public static final String TYPE_BASE = "https://errors.ore.game/";
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: a JSON-pointer-like path ({@code email}, {@code fixes[3].lat}) and why. */
    @Serdeable
    public record FieldError(String field, String message) {
    }

    public static String typeFor(String code) {
        return TYPE_BASE + code.replace('.', '/');
    }
}
