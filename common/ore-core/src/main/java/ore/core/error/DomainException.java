package ore.core.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the domain expects and explains: it has a stable machine-readable {@code code}
 * (e.g. {@code auth.invalid_credentials}), a {@link ErrorCategory} and a message written for the
 * client developer who will read it. Services declare their codes in one place each
 * (e.g. {@code AuthErrors}) so the list of what a client can receive stays reviewable.
 *
 * <p>No stack trace is captured: these are control flow for expected outcomes, thrown often
 * (wrong passwords, rate limits), and a stack would only cost time.
 */
public class DomainException extends RuntimeException {

    private final ErrorCategory category;
    private final String code;
    private final Duration retryAfter;

    public DomainException(ErrorCategory category, String code, String message) {
        this(category, code, message, null);
    }

    public DomainException(ErrorCategory category, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.category = Objects.requireNonNull(category, "category");
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfter = retryAfter;
    }

    public ErrorCategory category() {
        return category;
    }

    public String code() {
        return code;
    }

    /** When the caller may usefully retry (rate limits, unavailable dependencies). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
