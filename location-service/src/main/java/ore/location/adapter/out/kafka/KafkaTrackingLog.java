package ore.location.adapter.out.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ore.core.trace.TraceContext;
import ore.events.EventCodec;
import ore.events.tracing.EventTracing;
import ore.events.EventEnvelope;
import ore.location.app.LocationTracked;
import ore.location.app.port.TrackingLog;
import ore.location.config.LocationSettings;
import ore.location.domain.LocationErrors;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TrackingLog} on Kafka, published directly rather than through the outbox: these are
 * high-volume telemetry, and an outbox row per fix would put PostgreSQL on the hot path of every
 * update. Delivery is still at-least-once (see the port): the producer is idempotent with
 * {@code acks=all}, and the request waits for the acknowledgements before the state is committed.
 * Records: key = player id, value = the event envelope (ore-events), header {@code traceparent}.
 * Producer settings: {@code kafka.producers.location-tracked.*} (linger, compression).
 */
@Singleton
public class KafkaTrackingLog implements TrackingLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTrackingLog.class);

    private final Producer<String, String> producer;
    private final EventCodec codec;
    private final Clock clock;
    private final LocationSettings.Tracking settings;
    private final Counter published;
    private final Counter failures;

    public KafkaTrackingLog(@KafkaClient(id = "location-tracked", acks = KafkaClient.Acknowledge.ALL,
                                    maxBlock = "${ore.location.tracking.send-timeout:5s}",
                                    properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
                            Producer<String, String> producer,
                            EventCodec codec, Clock clock, LocationSettings.Tracking settings, MeterRegistry meters,
                            EventTracing tracing) {
        // Each send is a publish span in the request's trace; the header names that span.
        this.producer = tracing.producer(producer);
        this.codec = codec;
        this.clock = clock;
        this.settings = settings;
        this.published = Counter.builder("ore.location.tracked.published")
                .description("LocationTracked events acknowledged by Kafka").register(meters);
        this.failures = Counter.builder("ore.location.tracked.failures")
                .description("Batches whose LocationTracked events Kafka did not acknowledge in time").register(meters);
    }

    @Override
    public void append(List<LocationTracked> events) {
        var acks = new ArrayList<Future<RecordMetadata>>(events.size());
        try {
            for (LocationTracked event : events) {
                String key = event.playerId().toString();
                EventEnvelope envelope = EventEnvelope.of(TYPE, key, event, clock);
                var headers = new RecordHeaders();
                headers.add(TraceContext.HEADER, envelope.traceparent().getBytes(StandardCharsets.US_ASCII));
                acks.add(producer.send(new ProducerRecord<>(TOPIC, null, key, codec.encode(envelope), headers)));
            }
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            fail(events.size(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            fail(events.size(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(events.size(), e);
        }
        published.increment(events.size());
    }

    private void fail(int count, Throwable cause) {
        failures.increment();
        LOG.warn("{} LocationTracked event(s) not acknowledged by Kafka: {}", count, cause.toString());
        throw LocationErrors.trackingUnavailable();
    }
}
