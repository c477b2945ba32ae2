package ore.inference;

import java.time.Duration;

/**
 * A fast failure: the client did not send the call because the circuit breaker is open
 * ({@link Reason#CIRCUIT_OPEN}), too many calls are in flight ({@link Reason#OVERLOADED}) or the
 * model has not been verified yet ({@link Reason#NOT_READY}). It costs microseconds, so a caller
 * can fall back (anti-cheat: rules only) without having waited for a deadline.
 */
public final class InferenceUnavailableException extends InferenceException {

    public InferenceUnavailableException(Reason reason, String message, Duration retryAfter) {
        super(reason, message, retryAfter);
        if (reason != Reason.CIRCUIT_OPEN && reason != Reason.OVERLOADED && reason != Reason.NOT_READY) {
            throw new IllegalArgumentException(reason + " is not a fast failure");
        }
    }
}
