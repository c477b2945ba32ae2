package ore.core.trace;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ore.otel.*}: whether this service exports its spans, and where to (docs/operations.md#tracing).
 *
 * <p>Off by default: without {@code endpoint} the service still joins and passes on W3C trace context
 * (log lines, problem bodies, HTTP calls and Kafka records keep their trace ids) but records no span
 * it started itself and exports nothing. {@code ORE_OTEL_ENDPOINT=http://collector:4318} turns export
 * on: OTLP over HTTP (protobuf) to {@code <endpoint>/v1/traces}.
 *
 * @param endpoint       the collector's OTLP/HTTP base URL (the sidecar on ECS, the collector Service on
 *                       K3s); absent: export off
 * @param sampleRatio    share of new traces (those without a sampled caller) that are recorded, 0..1;
 *                       keep 1.0 when the collector samples by tail (its errors and slow requests are
 *                       only kept if every span reached it)
 * @param exportTimeout  how long one export may take before it is abandoned (the spans are dropped,
 *                       the service never waits on the collector)
 * @param environment    {@code deployment.environment} of every span
 * @param serviceVersion {@code service.version}; the image sets it to the build's version and revision
 */
@ConfigurationProperties(TracingSettings.PREFIX)
public record TracingSettings(@Nullable URI endpoint,
                              @Bindable(defaultValue = "1.0") double sampleRatio,
                              @Bindable(defaultValue = "10s") Duration exportTimeout,
                              @Bindable(defaultValue = "local") String environment,
                              @Bindable(defaultValue = "dev") String serviceVersion) {

    public static final String PREFIX = "ore.otel";

    public TracingSettings {
        if (!(sampleRatio >= 0.0 && sampleRatio <= 1.0)) {
            throw new IllegalArgumentException(PREFIX + ".sample-ratio must be between 0 and 1, got " + sampleRatio);
        }
        if (exportTimeout == null || exportTimeout.isNegative() || exportTimeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".export-timeout must be positive, got " + exportTimeout);
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new IllegalArgumentException(PREFIX + ".endpoint must be an http(s) URL such as "
                    + "http://collector:4318, got " + endpoint);
        }
    }

    /** True when spans leave the process. */
    public boolean exporting() {
        return endpoint != null;
    }

    /** Where the OTLP/HTTP exporter posts spans: {@code <endpoint>/v1/traces}. */
    public Optional<String> tracesUrl() {
        if (endpoint == null) {
            return Optional.empty();
        }
        String base = endpoint.toString();
        return Optional.of((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces");
    }
}
