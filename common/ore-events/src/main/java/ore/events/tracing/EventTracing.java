package ore.events.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Traces across Kafka (docs/operations.md#tracing). A record carries its trace in the W3C header
 * {@code traceparent}:
 *
 * <ul>
 *   <li>Producing: {@link #producer} wraps a producer so every send is a PRODUCER span
 *       ({@code <topic> publish}), a child of the current context, whose traceparent replaces the
 *       record's header (OpenTelemetry's Kafka instrumentation).</li>
 *   <li>The outbox: an event stores the traceparent of the work that wrote it; the relay sends it
 *       later under {@link #storedParent}, so the publish span is a child of that request's span.</li>
 *   <li>Consuming: {@link #process} starts a CONSUMER span ({@code <topic> process}), a child of the
 *       record's header, and makes it current while the listener handles the record: its SQL, Redis,
 *       HTTP calls, log lines and the events it writes belong to the producer's trace.</li>
 * </ul>
 */
@Singleton
public final class EventTracing {

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final KafkaTelemetry kafka;

    public EventTracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("ore.events");
        this.kafka = KafkaTelemetry.create(openTelemetry);
    }

    /** Not traced: records pass through unchanged, the envelope's traceparent stays their header. */
    public static EventTracing disabled() {
        return new EventTracing(OpenTelemetry.noop());
    }

    /** {@code producer}, sending every record inside a PRODUCER span and with its traceparent header. */
    public <K, V> Producer<K, V> producer(Producer<K, V> producer) {
        return kafka.wrap(producer);
    }

    /**
     * The context to send a stored event under: the span named by the event's traceparent (as a
     * remote parent), or nothing in particular when it has none.
     */
    public Context storedParent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), Map.of("traceparent", traceparent), MapGetter.INSTANCE);
    }

    /**
     * Starts handling {@code record}: a CONSUMER span continuing the record's trace, current until
     * {@link Processing#close()}. Use it in try-with-resources around the listener's work.
     */
    public Processing process(ConsumerRecord<?, ?> record, String consumerGroup) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), record.headers(), HeadersGetter.INSTANCE);
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "process")
                .setAttribute(GROUP, consumerGroup)
                .setAttribute(PARTITION, Integer.toString(record.partition()))
                .setAttribute(OFFSET, record.offset())
                .startSpan();
        return new Processing(span, span.makeCurrent());
    }

    /**
     * Runs {@code work} for {@code record} inside its CONSUMER span ({@link #process}); an exception
     * marks the span as failed and is rethrown, so the listener's error strategy still applies.
     */
    public void handle(ConsumerRecord<?, ?> record, String consumerGroup, Runnable work) {
        try (Processing processing = process(record, consumerGroup)) {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                processing.fail(e);
                throw e;
            }
        }
    }

    /** A record being handled; {@link #fail} marks the span when the listener gives up on it. */
    public static final class Processing implements AutoCloseable {
        private final Span span;
        private final Scope scope;

        private Processing(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        public void fail(Throwable error) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
            span.recordException(error);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }

    private enum HeadersGetter implements TextMapGetter<Headers> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Headers carrier) {
            return StreamSupport.stream(carrier.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
