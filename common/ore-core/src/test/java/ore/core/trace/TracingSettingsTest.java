package ore.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {

    private static TracingSettings settings(String endpoint, double ratio) {
        return new TracingSettings(endpoint == null ? null : URI.create(endpoint), ratio, Duration.ofSeconds(3),
                "staging", "0.1.0+abc123");
    }

    @Test
    void withoutAnEndpointNothingIsExported() {
        var p = TracingFactory.properties(settings(null, 1.0));
        assertThat(p).containsEntry("otel.traces.exporter", "none").doesNotContainKey("otel.exporter.otlp.traces.endpoint");
        assertThat(p.get("otel.resource.attributes"))
                .contains("service.version=0.1.0+abc123", "deployment.environment=staging");
    }

    @Test
    void anEndpointTurnsOnOtlpOverHttpWithTimeouts() {
        var p = TracingFactory.properties(settings("http://collector:4318/", 0.5));
        assertThat(p).containsEntry("otel.traces.exporter", "otlp")
                .containsEntry("otel.exporter.otlp.traces.protocol", "http/protobuf")
                .containsEntry("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")
                .containsEntry("otel.exporter.otlp.traces.timeout", "3000")
                .containsEntry("otel.bsp.export.timeout", "3000");
    }

    @Test
    void nonsenseIsRefusedAtStartUp() {
        assertThatThrownBy(() -> settings("http://collector:4318", 1.5)).hasMessageContaining("sample-ratio");
        assertThatThrownBy(() -> settings("collector:4318", 1.0)).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> new TracingSettings(null, 1.0, Duration.ZERO, "x", "y"))
                .hasMessageContaining("export-timeout");
    }

    @Test
    void queryValuesNeverReachASpan() {
        assertThat(QueryRedaction.redact("lat=37.5&lon=126.9&radius")).isEqualTo("lat=?&lon=?&radius");
        assertThat(QueryRedaction.redact("")).isEmpty();
    }
}
