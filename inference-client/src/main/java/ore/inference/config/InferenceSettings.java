package ore.inference.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import ore.inference.TritonClientOptions;
import ore.inference.grpc.TritonChannels;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ore.inference.*}: where Triton is and how this service calls its model. The client exists
 * only when {@code ore.inference.target} is set (env {@code ORE_INFERENCE_TARGET}).
 *
 * @param target          gRPC target of Triton's gRPC port, e.g. {@code triton.ore.internal:8001}
 * @param model           model name in the Triton repository
 * @param modelVersion    pinned version, or empty for the server's version policy
 * @param inferTimeout    deadline of one inference, batching wait included
 * @param metadataTimeout deadline of one attempt of a health or metadata call
 * @param healthTimeout   deadline of the health indicator's readiness probe (no retries)
 * @param maxConcurrentCalls bulkhead: ModelInfer calls in flight at most; more fail fast
 * @param verifyOnStartup check the model against the service's {@code ModelSpec} at start-up
 * @param failOnMismatch  refuse to start when that check finds a difference (otherwise log and
 *                        run with inference off)
 * @param healthRequired  report DOWN rather than DEGRADED when Triton is not ready; leave false for
 *                        services that fall back without it, or an outage of the GPU box would
 *                        take them out of the load balancer too
 */
@ConfigurationProperties(InferenceSettings.PREFIX)
public record InferenceSettings(
        @NotBlank String target,
        @NotBlank String model,
        @Bindable(defaultValue = "") String modelVersion,
        @Bindable(defaultValue = "100ms") Duration inferTimeout,
        @Bindable(defaultValue = "2s") Duration metadataTimeout,
        @Bindable(defaultValue = "1s") Duration healthTimeout,
        @Bindable(defaultValue = "64") @Min(1) int maxConcurrentCalls,
        @Bindable(defaultValue = "true") boolean verifyOnStartup,
        @Bindable(defaultValue = "true") boolean failOnMismatch,
        @Bindable(defaultValue = "false") boolean healthRequired,
        @NotNull Channel channel,
        @NotNull Retry retry,
        @NotNull Breaker breaker,
        @NotNull Batching batching) {

    public static final String PREFIX = "ore.inference";

    public TritonClientOptions toOptions() {
        return new TritonClientOptions(model, modelVersion, inferTimeout, metadataTimeout,
                new TritonClientOptions.Retry(retry.maxAttempts(), retry.initialBackoff()),
                new TritonClientOptions.Breaker(breaker.failureRateThreshold(), breaker.slidingWindowSize(),
                        breaker.minimumCalls(), breaker.openDuration(), breaker.halfOpenCalls()),
                maxConcurrentCalls,
                new TritonClientOptions.Batching(batching.enabled(), batching.maxBatchSize(), batching.maxDelay()));
    }

    /**
     * {@code ore.inference.channel.*}: the connection. Plaintext by default (the on-prem link is a
     * private network); {@code tls: true} with the CA bundle in {@code trust-certificates} otherwise.
     */
    @ConfigurationProperties("channel")
    public record Channel(
            @Bindable(defaultValue = "30s") Duration keepaliveTime,
            @Bindable(defaultValue = "10s") Duration keepaliveTimeout,
            @Bindable(defaultValue = "false") boolean keepaliveWithoutCalls,
            @Bindable(defaultValue = "false") boolean tls,
            @Nullable String trustCertificates,
            @Bindable(defaultValue = "16777216") @Min(1024) int maxInboundMessageBytes) {

        public TritonChannels.Options toOptions() {
            return new TritonChannels.Options(keepaliveTime, keepaliveTimeout, keepaliveWithoutCalls, tls,
                    Optional.ofNullable(trustCertificates).filter(s -> !s.isBlank()).map(Path::of),
                    maxInboundMessageBytes);
        }
    }

    /** {@code ore.inference.retry.*}: retries of health and metadata calls on UNAVAILABLE. */
    @ConfigurationProperties("retry")
    public record Retry(
            @Bindable(defaultValue = "3") @Min(1) int maxAttempts,
            @Bindable(defaultValue = "50ms") Duration initialBackoff) {
    }

    /** {@code ore.inference.breaker.*}: the circuit breaker around ModelInfer. */
    @ConfigurationProperties("breaker")
    public record Breaker(
            @Bindable(defaultValue = "50") float failureRateThreshold,
            @Bindable(defaultValue = "20") @Min(1) int slidingWindowSize,
            @Bindable(defaultValue = "10") @Min(1) int minimumCalls,
            @Bindable(defaultValue = "5s") Duration openDuration,
            @Bindable(defaultValue = "3") @Min(1) int halfOpenCalls) {
    }

    /** {@code ore.inference.batching.*}: client-side micro-batching of single-item requests. */
    @ConfigurationProperties("batching")
    public record Batching(
            @Bindable(defaultValue = "true") boolean enabled,
            @Bindable(defaultValue = "64") @Min(1) int maxBatchSize,
            @Bindable(defaultValue = "2ms") Duration maxDelay) {
    }
}
