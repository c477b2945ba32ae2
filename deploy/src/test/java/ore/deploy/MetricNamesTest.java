package ore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void theParserFindsMetricsAndSkipsFunctionsKeywordsAndLabels() {
        assertThat(MetricNames.of("max by (job) (up{job=~\"a|b\"}) == 0 or absent(foo_total)")).containsExactly("foo_total", "up");
        assertThat(MetricNames.of("sum by (job, schema) (increase(ore_outbox_dead_lettered_total[10m])) > 0"))
                .containsExactly("ore_outbox_dead_lettered_total");
        assertThat(MetricNames.of("a_total / on (job) group_left (x) b offset 5m > bool 1e3"))
                .containsExactly("a_total", "b");
        assertThat(MetricNames.of("histogram_quantile(0.95, sum by (le) (rate(x_seconds_bucket[5m:1m])))"))
                .containsExactly("x_seconds_bucket");
        assertThat(MetricNames.of("job:ore_sli_errors:ratio_rate1h > (14.4 * 0.001)"))
                .containsExactly("job:ore_sli_errors:ratio_rate1h");
        assertThat(MetricNames.of("sum by (v) (rate(f_total[5m])) / on () group_left () sum(rate(f_total[5m])) * 60"))
                .containsExactly("f_total");
    }

    @Test
    void metricsTxtNamesEachMetricOnceWithItsSource() {
        Map<String, String> listed = MetricNames.listed();
        assertThat(listed).containsKeys("up", "http_server_requests_seconds_count");
        assertThat(listed.get("up")).startsWith("prometheus");
        listed.values().forEach(source -> assertThat(source).isNotBlank());
    }
}
