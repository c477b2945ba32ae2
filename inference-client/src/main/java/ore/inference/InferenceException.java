package ore.inference;

import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;

import java.time.Duration;
import java.util.Locale;

/**
 * Any failure of a {@link TritonClient} call. The {@link #reason()} says what happened; the code is
 * {@code inference.<reason>} (e.g. {@code inference.deadline_exceeded}). Every reason is in the
 * {@link ErrorCategory#UNAVAILABLE} category: whatever went wrong, the player's request was fine,
 * and callers are expected to fall back rather than fail the request.
 *
 * <p>Subclass {@link InferenceUnavailableException} marks the fast failures where nothing was sent.
 */
public class InferenceException extends DomainException {

    /** Why a call failed. */
    public enum Reason {
        /** The server could not be reached, or answered UNAVAILABLE. Retried for metadata calls only. */
        UNAVAILABLE(true),
        /** No answer within the call's deadline. */
        DEADLINE_EXCEEDED(true),
        /** The circuit breaker is open after recent failures; nothing was sent. */
        CIRCUIT_OPEN(false),
        /** Too many calls already in flight (bulkhead full); nothing was sent. */
        OVERLOADED(false),
        /** The model has not passed {@link TritonClient#verifyModel()} yet; nothing was sent. */
        NOT_READY(false),
        /** The served model differs from the caller's {@link ModelSpec}. */
        MODEL_MISMATCH(false),
        /** The server refused the request (unknown model, bad input...): a bug or a configuration error. */
        REJECTED(false),
        /** The response does not hold what was asked for (missing output, wrong size or type). */
        MALFORMED_RESPONSE(true),
        /** The server failed while handling the call (INTERNAL, UNKNOWN...). */
        SERVER_ERROR(true);

        private final boolean serverFault;

        Reason(boolean serverFault) {
            this.serverFault = serverFault;
        }

        /** Whether this failure counts against the server in the circuit breaker. */
        public boolean serverFault() {
            return serverFault;
        }

        public String code() {
            return "inference." + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public InferenceException(Reason reason, String message) {
        this(reason, message, null);
    }

    protected InferenceException(Reason reason, String message, Duration retryAfter) {
        super(ErrorCategory.UNAVAILABLE, reason.code(), message, retryAfter);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static InferenceException malformed(String message) {
        return new InferenceException(Reason.MALFORMED_RESPONSE, message);
    }
}
