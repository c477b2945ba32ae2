package ore.core.trace;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.micronaut.tracing.opentelemetry.instrument.util.OpenTelemetryExclusionsConfiguration;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry SDK of every service, built by Micronaut's {@code DefaultOpenTelemetryFactory}
 * from {@code otel.*} properties; this factory adds what {@link TracingSettings} decides: the
 * exporter (OTLP/HTTP to {@code ore.otel.endpoint}, with timeouts, or none), the sampler
 * ({@link OreSampler}), the resource ({@code service.version}, {@code deployment.environment}; the
 * service name is {@code micronaut.application.name}) and query redaction ({@link QueryRedaction}).
 * Standard {@code OTEL_*} environment variables still override any of it.
 */
@Factory
public class TracingFactory {

    /** Health checks and metric scrapes arrive every few seconds and say nothing about a request. */
    static final List<String> EXCLUDED_PATHS = List.of("/health(/.*)?", "/metrics");

    @Singleton
    Sampler sampler(TracingSettings settings) {
        return new OreSampler(settings.exporting() ? settings.sampleRatio() : 0.0);
    }

    @Singleton
    SpanProcessor queryRedaction() {
        return new QueryRedaction();
    }

    @Singleton
    OpenTelemetryBuilderCustomizer exporter(TracingSettings settings) {
        Map<String, String> properties = properties(settings);
        return builder -> builder.addPropertiesSupplier(() -> properties);
    }

    /** The autoconfigure properties {@code settings} stand for. */
    static Map<String, String> properties(TracingSettings settings) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("otel.resource.attributes", "service.version=" + settings.serviceVersion()
                + ",deployment.environment=" + settings.environment()
                + ",deployment.environment.name=" + settings.environment());
        if (settings.tracesUrl().isEmpty()) {
            p.put("otel.traces.exporter", "none");
            return p;
        }
        String timeout = Long.toString(settings.exportTimeout().toMillis());
        p.put("otel.traces.exporter", "otlp");
        p.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
        p.put("otel.exporter.otlp.traces.endpoint", settings.tracesUrl().get());
        p.put("otel.exporter.otlp.traces.timeout", timeout);
        p.put("otel.exporter.otlp.traces.compression", "gzip");
        // The batch processor's own bound on one export, and on the queue: spans are dropped, never
        // waited for, when the collector is slow or away.
        p.put("otel.bsp.export.timeout", timeout);
        p.put("otel.bsp.max.queue.size", "4096");
        return p;
    }

    /** Adds {@link #EXCLUDED_PATHS} to whatever {@code otel.exclusions} a service configures. */
    @Singleton
    static final class Exclusions implements BeanCreatedEventListener<OpenTelemetryExclusionsConfiguration> {
        @Override
        public OpenTelemetryExclusionsConfiguration onCreated(BeanCreatedEvent<OpenTelemetryExclusionsConfiguration> event) {
            OpenTelemetryExclusionsConfiguration config = event.getBean();
            List<String> all = new ArrayList<>(EXCLUDED_PATHS);
            if (config.getExclusions() != null) {
                all.addAll(config.getExclusions());
            }
            config.setExclusions(all);
            return config;
        }
    }
}
