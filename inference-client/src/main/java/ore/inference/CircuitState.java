package ore.inference;

/** State of the client's circuit breaker around {@code ModelInfer}. */
public enum CircuitState {
    /** Calls go through; failures are counted. */
    CLOSED,
    /** Too many recent failures: calls fail fast with {@link InferenceUnavailableException}. */
    OPEN,
    /** Trying again: a few calls go through to decide between {@link #CLOSED} and {@link #OPEN}. */
    HALF_OPEN
}
