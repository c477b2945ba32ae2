package ore.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfReporterTest {

    @Test
    @SuppressWarnings("unchecked")
    void theLineIsAnEmbeddedMetricFormatDocument() throws Exception {
        Map<String, Object> doc = JsonMapper.createDefault().readValue(EmfReporter.line(1_700_000_000_000L, 1234, 99), Map.class);
        var aws = (Map<String, Object>) doc.get("_aws");
        assertThat(aws).containsEntry("Timestamp", 1_700_000_000_000L);
        var directive = ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).getFirst();
        assertThat(directive).containsEntry("Namespace", "ORE/Realtime").containsEntry("Dimensions", List.of(List.of("Service")));
        assertThat((List<Map<String, Object>>) directive.get("Metrics")).extracting(m -> m.get("Name"))
                .containsExactly("Connections", "Subscriptions");
        assertThat(doc).containsEntry("Service", "realtime-engine").containsEntry("Connections", 1234)
                .containsEntry("Subscriptions", 99);
    }
}
