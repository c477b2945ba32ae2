package ore.inference;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TritonClient} calls its model; plain values with defaults, independent of any
 * framework ({@code ore.inference.config.InferenceSettings} fills it from configuration).
 *
 * @param model           the model's name in the Triton repository
 * @param modelVersion    a version number, or empty for the server's choice (its version policy)
 * @param inferTimeout    deadline of a {@code ModelInfer} call, measured from the moment the caller
 *                        hands the request over, so time spent waiting for a batch counts
 * @param metadataTimeout deadline of one attempt of a health or metadata call
 */
public record TritonClientOptions(String model, String modelVersion, Duration inferTimeout,
                                  Duration metadataTimeout, Retry retry, Breaker breaker,
                                  int maxConcurrentCalls, Batching batching) {

    public TritonClientOptions {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        modelVersion = modelVersion == null ? "" : modelVersion;
        requirePositive(inferTimeout, "inferTimeout");
        requirePositive(metadataTimeout, "metadataTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(batching, "batching");
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
        }
    }

    /** Defaults for {@code model}: 100 ms inference deadline, 2 s metadata deadline. */
    public static TritonClientOptions defaults(String model) {
        return new TritonClientOptions(model, "", Duration.ofMillis(100), Duration.ofSeconds(2),
                Retry.DEFAULT, Breaker.DEFAULT, 64, Batching.DEFAULT);
    }

    public TritonClientOptions withModelVersion(String version) {
        return new TritonClientOptions(model, version, inferTimeout, metadataTimeout, retry, breaker,
                maxConcurrentCalls, batching);
    }

    public TritonClientOptions withInferTimeout(Duration timeout) {
        return new TritonClientOptions(model, modelVersion, timeout, metadataTimeout, retry, breaker,
                maxConcurrentCalls, batching);
    }

    public TritonClientOptions withMetadataTimeout(Duration timeout) {
        return new TritonClientOptions(model, modelVersion, inferTimeout, timeout, retry, breaker,
                maxConcurrentCalls, batching);
    }

    public TritonClientOptions withRetry(Retry newRetry) {
        return new TritonClientOptions(model, modelVersion, inferTimeout, metadataTimeout, newRetry, breaker,
                maxConcurrentCalls, batching);
    }

    public TritonClientOptions withBreaker(Breaker newBreaker) {
        return new TritonClientOptions(model, modelVersion, inferTimeout, metadataTimeout, retry, newBreaker,
                maxConcurrentCalls, batching);
    }

    public TritonClientOptions withMaxConcurrentCalls(int calls) {
        return new TritonClientOptions(model, modelVersion, inferTimeout, metadataTimeout, retry, breaker,
                calls, batching);
    }

    public TritonClientOptions withBatching(Batching newBatching) {
        return new TritonClientOptions(model, modelVersion, inferTimeout, metadataTimeout, retry, breaker,
                maxConcurrentCalls, newBatching);
    }

    /**
     * Retries of health and metadata calls (never of {@code ModelInfer}, which is not known to be
     * idempotent for every model and whose deadline is too short to retry within). Only
     * UNAVAILABLE is retried.
     *
     * @param maxAttempts    attempts in all, including the first
     * @param initialBackoff wait before the second attempt; doubled before each further one
     */
    public record Retry(int maxAttempts, Duration initialBackoff) {
        public static final Retry DEFAULT = new Retry(3, Duration.ofMillis(50));

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            requirePositive(initialBackoff, "initialBackoff");
        }
    }

    /**
     * The circuit breaker around {@code ModelInfer} (count-based window). Failures that are the
     * caller's ({@link InferenceException.Reason#REJECTED}) do not count.
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param slidingWindowSize    calls in the window
     * @param minimumCalls         calls needed before the rate is computed
     * @param openDuration         how long the breaker stays open before letting trial calls through
     * @param halfOpenCalls        trial calls that decide whether to close again
     */
    public record Breaker(float failureRateThreshold, int slidingWindowSize, int minimumCalls,
                          Duration openDuration, int halfOpenCalls) {
        public static final Breaker DEFAULT = new Breaker(50, 20, 10, Duration.ofSeconds(5), 3);

        public Breaker {
            if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
                throw new IllegalArgumentException("failureRateThreshold must be in (0, 100]");
            }
            if (slidingWindowSize < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
                throw new IllegalArgumentException("breaker window, minimum calls and half-open calls must be at least 1");
            }
            requirePositive(openDuration, "openDuration");
        }
    }

    /**
     * Client-side micro-batching of concurrent single-item requests (see {@link InferRequest#isSingleItem()}).
     *
     * @param maxBatchSize upper bound on rows per call; the model's own {@code max_batch_size} also
     *                     caps it, and a model with {@code max_batch_size: 0} is never batched
     * @param maxDelay     the longest a request waits for companions before its batch is sent
     */
    public record Batching(boolean enabled, int maxBatchSize, Duration maxDelay) {
        public static final Batching DEFAULT = new Batching(true, 64, Duration.ofMillis(2));
        public static final Batching DISABLED = new Batching(false, 1, Duration.ofMillis(2));

        public Batching {
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1");
            }
            requirePositive(maxDelay, "maxDelay");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + duration);
        }
    }
}
