package ore.events.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * {@code ore.kafka.consumer.lag}: for every Kafka listener of the service, the largest number of
 * records any of its partitions is behind (the client's own {@code records-lag-max}), one gauge per
 * consumer tagged {@code consumer} with the listener's client id. Micronaut's Kafka meter binder is
 * off in every service (its per-node tags clash in the Prometheus registry); this reads the one
 * figure the alerts need, with one stable set of tags. NaN until the consumer's first fetch.
 *
 * <p>{@code Consumer.metrics()} may be read from any thread; the gauge reads it on scrape only.
 */
@Singleton
@Requires(beans = {ConsumerRegistry.class, MeterRegistry.class})
public final class ConsumerLag {

    static final String METER = "ore.kafka.consumer.lag";
    private static final String LAG = "records-lag-max";
    private static final String GROUP = "consumer-fetch-manager-metrics";

    private final ConsumerRegistry consumers;
    private final MeterRegistry meters;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    public ConsumerLag(ConsumerRegistry consumers, MeterRegistry meters) {
        this.consumers = consumers;
        this.meters = meters;
    }

    /** The listeners' consumers exist once the context has started. */
    @EventListener
    void onStartup(StartupEvent event) {
        bindAll();
    }

    /** Registers a gauge for every listener's consumer not seen yet; returns how many have one. */
    int bindAll() {
        return bind(consumers.getConsumerIds(), consumers::getConsumer);
    }

    /** {@link #bindAll} over any set of consumers by id. */
    int bind(Set<String> ids, Function<String, Consumer<?, ?>> consumerOf) {
        for (String id : ids) {
            if (bound.add(id)) {
                Gauge.builder(METER, consumerOf.apply(id), ConsumerLag::maxLag)
                        .tag("consumer", id)
                        .description("records the consumer's most lagging partition is behind")
                        .register(meters);
            }
        }
        return bound.size();
    }

    /** The consumer-wide {@code records-lag-max} (the metric without a topic or partition tag), or NaN. */
    static double maxLag(Consumer<?, ?> consumer) {
        Map<MetricName, ? extends Metric> metrics;
        try {
            metrics = consumer.metrics();
        } catch (RuntimeException closed) {
            return Double.NaN;
        }
        for (var entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (LAG.equals(name.name()) && GROUP.equals(name.group()) && !name.tags().containsKey("topic")) {
                Object value = entry.getValue().metricValue();
                if (value instanceof Number number) {
                    double lag = number.doubleValue();
                    return Double.isInfinite(lag) ? Double.NaN : lag;
                }
            }
        }
        return Double.NaN;
    }
}
