package ore.inference.grpc;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ore.inference.InferenceException;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The client's meters, all tagged with the model:
 * <ul>
 *   <li>{@code ore.inference.infer} (timer, tag {@code outcome}): an inference as the caller saw it,
 *       waiting for a batch included;</li>
 *   <li>{@code ore.inference.rpc} (timer, tags {@code method}, {@code outcome}): one gRPC call;</li>
 *   <li>{@code ore.inference.batch.size} (summary): rows per {@code ModelInfer} call;</li>
 *   <li>{@code ore.inference.breaker.state} (gauge): 0 closed, 1 open, 2 half-open;</li>
 *   <li>{@code ore.inference.inflight} (gauge): {@code ModelInfer} calls in flight;</li>
 *   <li>{@code ore.inference.rejected} (counter, tag {@code reason}): fast failures.</li>
 * </ul>
 * Outcomes are {@code ok} or the lower-case {@link InferenceException.Reason}.
 */
final class ClientMetrics {

    static final String OK = "ok";

    private final MeterRegistry registry;
    private final String model;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;

    ClientMetrics(MeterRegistry registry, String model, CircuitBreaker breaker, Bulkhead bulkhead) {
        this.registry = registry;
        this.model = model;
        this.batchSize = DistributionSummary.builder("ore.inference.batch.size")
                .description("Rows per ModelInfer call")
                .tag("model", model)
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("ore.inference.breaker.state", breaker, ClientMetrics::stateCode)
                .description("Circuit breaker around ModelInfer: 0 closed, 1 open, 2 half-open")
                .tag("model", model)
                .register(registry);
        Gauge.builder("ore.inference.inflight", bulkhead,
                        b -> b.getBulkheadConfig().getMaxConcurrentCalls() - b.getMetrics().getAvailableConcurrentCalls())
                .description("ModelInfer calls in flight")
                .tag("model", model)
                .register(registry);
    }

    static String outcome(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        return failure instanceof InferenceException e ? e.reason().name().toLowerCase(Locale.ROOT) : "error";
    }

    void infer(long nanos, String outcome) {
        timers.computeIfAbsent("infer " + outcome, k -> Timer.builder("ore.inference.infer")
                        .description("Inference latency seen by the caller, batching wait included")
                        .tags("model", model, "outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void rpc(String method, long nanos, String outcome) {
        timers.computeIfAbsent(method + " " + outcome, k -> Timer.builder("ore.inference.rpc")
                        .description("One gRPC call to Triton")
                        .tags("model", model, "method", method, "outcome", outcome)
                        .publishPercentileHistogram(method.equals("ModelInfer"))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void batch(long rows) {
        batchSize.record(rows);
    }

    void rejected(InferenceException.Reason reason) {
        String tag = reason.name().toLowerCase(Locale.ROOT);
        rejections.computeIfAbsent(tag, k -> Counter.builder("ore.inference.rejected")
                        .description("Inferences failed fast without a call")
                        .tags("model", model, "reason", tag)
                        .register(registry))
                .increment();
    }

    private static double stateCode(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }
}
