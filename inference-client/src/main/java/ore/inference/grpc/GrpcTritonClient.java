package ore.inference.grpc;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import ore.inference.CircuitState;
import ore.inference.InferRequest;
import ore.inference.InferResult;
import ore.inference.InferenceException;
import ore.inference.InferenceException.Reason;
import ore.inference.InferenceUnavailableException;
import ore.inference.ModelConfiguration;
import ore.inference.ModelMetadata;
import ore.inference.ModelSpec;
import ore.inference.ServerMetadata;
import ore.inference.TensorSpec;
import ore.inference.TritonClient;
import ore.inference.TritonClientOptions;
import ore.inference.batch.MicroBatcher;
import ore.inference.batch.TensorBatches;
import ore.inference.grpc.proto.GRPCInferenceServiceGrpc;
import ore.inference.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import ore.inference.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import ore.inference.grpc.proto.ModelConfigRequest;
import ore.inference.grpc.proto.ModelInferResponse;
import ore.inference.grpc.proto.ModelMetadataRequest;
import ore.inference.grpc.proto.ModelReadyRequest;
import ore.inference.grpc.proto.ServerLiveRequest;
import ore.inference.grpc.proto.ServerMetadataRequest;
import ore.inference.grpc.proto.ServerReadyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@link TritonClient} over gRPC. The inference path is
 * <pre>
 *   inferAsync ─▶ [micro-batcher, single items only] ─▶ breaker ─▶ bulkhead ─▶ ModelInfer (deadline)
 * </pre>
 * with the breaker and bulkhead checked by permission (no threads are parked), and health and
 * metadata calls going through retry instead. The channel belongs to the caller, who closes it
 * after {@link #close()}.
 */
public final class GrpcTritonClient implements TritonClient {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcTritonClient.class);
    private static final long BACKGROUND_CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A request waiting for its batch, with the instant its deadline ends. */
    private record Pending(InferRequest request, long deadlineNanos) {
    }

    private record VerifiedModel(ModelMetadata metadata, int maxBatchSize) {
    }

    private final TritonClientOptions options;
    private final ModelSpec spec;
    private final String target;
    private final String modelLabel;
    private final GRPCInferenceServiceStub asyncStub;
    private final GRPCInferenceServiceBlockingStub blockingStub;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final ClientMetrics metrics;
    private final ScheduledThreadPoolExecutor timers;
    private final MicroBatcher<Pending, InferResult> batcher;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long lastBackgroundCheck = System.nanoTime() - BACKGROUND_CHECK_INTERVAL_NANOS;
    private volatile VerifiedModel verified;

    /**
     * @param spec what the caller expects of the model, or {@code null} to accept whatever it is
     */
    public GrpcTritonClient(Channel channel, TritonClientOptions options, ModelSpec spec, MeterRegistry registry) {
        this.options = options;
        this.spec = spec;
        this.target = channel.authority();
        this.modelLabel = options.modelVersion().isEmpty() ? options.model() : options.model() + ":" + options.modelVersion();
        this.asyncStub = GRPCInferenceServiceGrpc.newStub(channel);
        this.blockingStub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        this.breaker = CircuitBreaker.of("triton-" + modelLabel, breakerConfig(options.breaker()));
        this.bulkhead = Bulkhead.of("triton-" + modelLabel, BulkheadConfig.custom()
                .maxConcurrentCalls(options.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.retry = Retry.of("triton-" + modelLabel, RetryConfig.custom()
                .maxAttempts(options.retry().maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(options.retry().initialBackoff(), 2))
                .retryOnException(e -> e instanceof InferenceException ie && ie.reason() == Reason.UNAVAILABLE)
                .build());
        this.metrics = new ClientMetrics(registry, modelLabel, breaker, bulkhead);
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "triton-batch-" + modelLabel);
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        TritonClientOptions.Batching batching = options.batching();
        this.batcher = batching.enabled()
                ? new MicroBatcher<>(batching.maxBatchSize(), batching.maxDelay(), p -> TensorBatches.key(p.request()),
                MicroBatcher.Scheduler.of(timers), this::sendBatch)
                : null;
    }

    private static CircuitBreakerConfig breakerConfig(TritonClientOptions.Breaker breaker) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openDuration())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .recordException(e -> e instanceof InferenceException ie && ie.reason().serverFault())
                // A request the server refuses says nothing about the server's health.
                .ignoreException(e -> e instanceof InferenceException ie && ie.reason() == Reason.REJECTED)
                .build();
    }

    // ---- inference ----------------------------------------------------------------------------

    @Override
    public CompletableFuture<InferResult> inferAsync(InferRequest request) {
        long start = System.nanoTime();
        long deadline = start + request.timeout().orElse(options.inferTimeout()).toNanos();
        CompletableFuture<InferResult> attempt;
        VerifiedModel model = verified;
        if (model == null) {
            checkModelInBackground();
            attempt = CompletableFuture.failedFuture(fastFailure(Reason.NOT_READY, "model " + modelLabel + " at "
                    + target + " has not been verified yet; a check is running in the background"));
        } else if (batcher != null && model.maxBatchSize() > 1 && request.isSingleItem() && request.id().isEmpty()) {
            InferenceException open = breakerOpen();
            attempt = open != null ? CompletableFuture.failedFuture(open) : batcher.submit(new Pending(request, deadline));
        } else {
            attempt = call(request, deadline, response -> ProtoCodec.decode(response, requiredOutputs(request)));
        }
        CompletableFuture<InferResult> result = new CompletableFuture<>();
        attempt.whenComplete((value, error) -> {
            InferenceException failure = error == null ? null : asInferenceException(error);
            metrics.infer(System.nanoTime() - start, ClientMetrics.outcome(failure));
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /** The micro-batcher's sink: one ModelInfer for the whole batch, cut back into one result each. */
    private CompletableFuture<List<InferResult>> sendBatch(List<Pending> batch) {
        long deadline = batch.stream().mapToLong(Pending::deadlineNanos).min().orElseThrow();
        List<InferRequest> requests = batch.stream().map(Pending::request).toList();
        InferRequest first = requests.getFirst();
        if (requests.size() == 1) {
            return call(first, deadline, response -> List.of(ProtoCodec.decode(response, requiredOutputs(first))));
        }
        int[] rows = new int[requests.size()];
        Arrays.fill(rows, 1);
        InferRequest merged = TensorBatches.merge(requests);
        return call(merged, deadline,
                response -> TensorBatches.split(ProtoCodec.decode(response, requiredOutputs(first)), rows));
    }

    /**
     * One guarded ModelInfer. {@code decode} runs before the breaker hears the outcome, so a
     * malformed response counts as the failure it is.
     */
    private <R> CompletableFuture<R> call(InferRequest request, long deadlineNanos, Function<ModelInferResponse, R> decode) {
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(circuitOpen());
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            return CompletableFuture.failedFuture(fastFailure(Reason.OVERLOADED, options.maxConcurrentCalls()
                    + " inferences already in flight to " + modelLabel + " at " + target));
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            bulkhead.onComplete();
            breaker.releasePermission();
            return CompletableFuture.failedFuture(new InferenceException(Reason.DEADLINE_EXCEEDED,
                    "deadline for " + modelLabel + " passed before the call could be sent"));
        }
        metrics.batch(request.inputs().getFirst().rank() == 0 ? 1 : request.inputs().getFirst().dim(0));
        CompletableFuture<R> result = new CompletableFuture<>();
        long start = System.nanoTime();
        asyncStub.withDeadlineAfter(remaining, TimeUnit.NANOSECONDS).modelInfer(
                ProtoCodec.encode(request, options.model(), options.modelVersion()),
                new StreamObserver<>() {
                    private ModelInferResponse response;

                    @Override
                    public void onNext(ModelInferResponse value) {
                        response = value;
                    }

                    @Override
                    public void onError(Throwable t) {
                        finish(null, GrpcFailures.fromInfer(t, "ModelInfer " + modelLabel, target));
                    }

                    @Override
                    public void onCompleted() {
                        try {
                            if (response == null) {
                                throw new InferenceException(Reason.MALFORMED_RESPONSE, "ModelInfer " + modelLabel
                                        + " completed without a response");
                            }
                            finish(decode.apply(response), null);
                        } catch (InferenceException e) {
                            finish(null, e);
                        } catch (RuntimeException e) {
                            finish(null, new InferenceException(Reason.MALFORMED_RESPONSE,
                                    "cannot read the response of " + modelLabel + ": " + e));
                        }
                    }

                    private void finish(R value, InferenceException failure) {
                        long elapsed = System.nanoTime() - start;
                        bulkhead.onComplete();
                        if (failure == null) {
                            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                            metrics.rpc("ModelInfer", elapsed, ClientMetrics.OK);
                            result.complete(value);
                        } else {
                            breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
                            metrics.rpc("ModelInfer", elapsed, ClientMetrics.outcome(failure));
                            result.completeExceptionally(failure);
                        }
                    }
                });
        return result;
    }

    /**
     * Fails fast while the breaker is open. Asking for a permission (and handing it back) rather
     * than reading the state lets the breaker move from open to half-open once its wait is over.
     */
    private InferenceException breakerOpen() {
        if (breaker.tryAcquirePermission()) {
            breaker.releasePermission();
            return null;
        }
        return circuitOpen();
    }

    private InferenceException circuitOpen() {
        return fastFailure(Reason.CIRCUIT_OPEN, "circuit breaker for " + modelLabel + " at " + target
                + " is open after recent failures; not calling");
    }

    private InferenceUnavailableException fastFailure(Reason reason, String message) {
        metrics.rejected(reason);
        Duration retryAfter = reason == Reason.CIRCUIT_OPEN ? options.breaker().openDuration() : null;
        return new InferenceUnavailableException(reason, message, retryAfter);
    }

    private List<String> requiredOutputs(InferRequest request) {
        if (!request.outputs().isEmpty()) {
            return request.outputs();
        }
        return spec == null ? List.of() : spec.outputs().stream().map(TensorSpec::name).toList();
    }

    private InferenceException asInferenceException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InferenceException e) {
            return e;
        }
        return new InferenceException(Reason.SERVER_ERROR, "inference on " + modelLabel + " failed unexpectedly: " + cause);
    }

    // ---- model check --------------------------------------------------------------------------

    @Override
    public ModelMetadata verifyModel() {
        ModelMetadata metadata = modelMetadata();
        List<String> problems = spec == null ? List.of() : spec.differences(metadata);
        if (!problems.isEmpty()) {
            throw new InferenceException(Reason.MODEL_MISMATCH, "model " + modelLabel + " at " + target
                    + " does not match what this service was built for: " + String.join("; ", problems));
        }
        int modelLimit = modelBatchLimit();
        int maxBatch = Math.min(modelLimit, options.batching().maxBatchSize());
        if (batcher != null && maxBatch > 0) {
            batcher.setMaxBatchSize(maxBatch);
        }
        boolean first = verified == null;
        verified = new VerifiedModel(metadata, maxBatch);
        if (first) {
            LOG.info("Triton model {} at {} verified (max batch {}, client batching {})", modelLabel, target,
                    modelLimit, batcher != null && maxBatch > 1 ? "up to " + maxBatch : "off");
        }
        return metadata;
    }

    /** The model's max_batch_size, or 0 (no batching) from a server without the ModelConfig call. */
    private int modelBatchLimit() {
        try {
            return modelConfig().maxBatchSize();
        } catch (InferenceException e) {
            if (e.reason() != Reason.REJECTED) {
                throw e;
            }
            LOG.warn("ModelConfig not available for {} at {}; client-side batching stays off: {}", modelLabel, target,
                    e.getMessage());
            return 0;
        }
    }

    private void checkModelInBackground() {
        long now = System.nanoTime();
        if (now - lastBackgroundCheck < BACKGROUND_CHECK_INTERVAL_NANOS || !checking.compareAndSet(false, true)) {
            return;
        }
        lastBackgroundCheck = now;
        Thread.ofVirtual().name("triton-verify-" + modelLabel).start(() -> {
            try {
                verifyModel();
            } catch (InferenceException e) {
                if (e.reason() == Reason.MODEL_MISMATCH) {
                    LOG.error("{}", e.getMessage());
                } else {
                    LOG.warn("Triton model check failed, inference stays off: {}", e.getMessage());
                }
            } finally {
                checking.set(false);
            }
        });
    }

    @Override
    public boolean isModelVerified() {
        return verified != null;
    }

    // ---- health and metadata (idempotent, retried) --------------------------------------------

    @Override
    public boolean probeReady(Duration timeout) {
        GRPCInferenceServiceBlockingStub stub = blockingStub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()
                    && stub.modelReady(ModelReadyRequest.newBuilder()
                    .setName(options.model()).setVersion(options.modelVersion()).build()).getReady();
        } catch (StatusRuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean serverLive() {
        return idempotent("ServerLive", stub -> stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
    }

    @Override
    public boolean serverReady() {
        return idempotent("ServerReady", stub -> stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
    }

    @Override
    public boolean modelReady() {
        return idempotent("ModelReady", stub -> stub.modelReady(ModelReadyRequest.newBuilder()
                .setName(options.model()).setVersion(options.modelVersion()).build()).getReady());
    }

    @Override
    public ServerMetadata serverMetadata() {
        return idempotent("ServerMetadata",
                stub -> ProtoCodec.server(stub.serverMetadata(ServerMetadataRequest.getDefaultInstance())));
    }

    @Override
    public ModelMetadata modelMetadata() {
        return idempotent("ModelMetadata", stub -> ProtoCodec.metadata(stub.modelMetadata(ModelMetadataRequest.newBuilder()
                .setName(options.model()).setVersion(options.modelVersion()).build())));
    }

    @Override
    public ModelConfiguration modelConfig() {
        return idempotent("ModelConfig", stub -> ProtoCodec.configuration(stub.modelConfig(ModelConfigRequest.newBuilder()
                .setName(options.model()).setVersion(options.modelVersion()).build()).getConfig()));
    }

    private <T> T idempotent(String method, Function<GRPCInferenceServiceBlockingStub, T> call) {
        return retry.executeSupplier(() -> {
            long start = System.nanoTime();
            try {
                T value = call.apply(blockingStub.withDeadlineAfter(options.metadataTimeout().toNanos(), TimeUnit.NANOSECONDS));
                metrics.rpc(method, System.nanoTime() - start, ClientMetrics.OK);
                return value;
            } catch (StatusRuntimeException e) {
                InferenceException failure = GrpcFailures.from(e, method + " " + modelLabel, target);
                metrics.rpc(method, System.nanoTime() - start, ClientMetrics.outcome(failure));
                throw failure;
            }
        });
    }

    // ---- state --------------------------------------------------------------------------------

    @Override
    public CircuitState circuitState() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            default -> CircuitState.CLOSED;
        };
    }

    @Override
    public TritonClientOptions options() {
        return options;
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.close(new InferenceException(Reason.UNAVAILABLE, "Triton client for " + modelLabel + " is closed"));
        }
        timers.shutdownNow();
    }
}
