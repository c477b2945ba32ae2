package ore.inference;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls one model on an NVIDIA Triton server (KServe v2 protocol). Thread-safe; one instance per
 * model, shared by the whole service.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Failures.</b> Every failure is an {@link InferenceException} whose
 *       {@link InferenceException#reason() reason} says what happened; nothing else escapes except
 *       {@link IllegalArgumentException} for a request that could never be valid.</li>
 *   <li><b>Fallback.</b> {@link InferenceUnavailableException} means the call was not sent: the
 *       circuit breaker is open, too many calls are in flight, or the model is not verified yet.
 *       It is returned within microseconds. Callers that can do without the model (anti-cheat
 *       falls back to the physics rules) should treat it, and every other
 *       {@code InferenceException}, as "no score" and carry on.</li>
 *   <li><b>Deadlines.</b> Each inference has a deadline (the configured one or
 *       {@link InferRequest#timeout()}), counted from the call to {@link #inferAsync}; when it
 *       passes the call fails with {@link InferenceException.Reason#DEADLINE_EXCEEDED}.</li>
 *   <li><b>Retries.</b> Health and metadata calls are idempotent and retried on UNAVAILABLE with
 *       backoff. Inferences are never retried.</li>
 *   <li><b>Batching.</b> Concurrent single-item requests may be sent as one batched call; each
 *       caller still gets exactly its own rows, and a failure of the batch fails each of them.</li>
 *   <li><b>Model check.</b> Inference is refused ({@link InferenceException.Reason#NOT_READY}) until
 *       {@link #verifyModel()} has succeeded once. While unverified, each refused call starts a
 *       background check, so a client created while Triton was down recovers on its own.</li>
 * </ul>
 */
public interface TritonClient extends AutoCloseable {

    /** Runs one inference. The future never completes with anything but a result or an {@link InferenceException}. */
    CompletableFuture<InferResult> inferAsync(InferRequest request);

    /** Blocking form of {@link #inferAsync}; suits virtual threads. */
    default InferResult infer(InferRequest request) {
        try {
            return inferAsync(request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Fetches the model's metadata and configuration, checks them against the caller's
     * {@link ModelSpec} (when one was given) and, on success, enables inference with the model's
     * batch limit.
     *
     * @throws InferenceException {@link InferenceException.Reason#MODEL_MISMATCH} listing every
     *                            difference, or the reason the server could not be asked
     */
    ModelMetadata verifyModel();

    /** Whether the model passed {@link #verifyModel()}. */
    boolean isModelVerified();

    /**
     * One attempt, no retry: whether the server and the model are ready, answered within
     * {@code timeout}; false on any failure. For health checks, which must answer quickly.
     */
    boolean probeReady(Duration timeout);

    boolean serverLive();

    boolean serverReady();

    boolean modelReady();

    ServerMetadata serverMetadata();

    ModelMetadata modelMetadata();

    ModelConfiguration modelConfig();

    CircuitState circuitState();

    /** The options the client was built with. */
    TritonClientOptions options();

    /** Stops batching timers and background checks; fails requests still waiting for a batch. */
    @Override
    void close();
}
