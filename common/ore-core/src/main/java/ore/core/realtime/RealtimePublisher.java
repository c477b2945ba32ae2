package ore.core.realtime;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes realtime messages on Redis pub/sub for realtime-engine, the same way for every producer:
 * the flavour from {@link RealtimeSettings} ({@code SPUBLISH} or {@code PUBLISH}) and one envelope,
 * a JSON object {@code {"type": ..., "at": "<ISO-8601 UTC>", ...payload fields}}.
 *
 * <p>Each message is first appended to the channel's history ({@link RealtimeHistory}), then
 * published: a client that was away (a reconnect, an engine restart) recovers it by offset even if no
 * engine instance listened when it was published. A message whose append failed is not published
 * either, so a recovered history never has a silent hole.
 *
 * <p>Best effort and at most once: {@link #publish} never blocks on Redis and never throws; a lost
 * message is counted ({@code ore.realtime.publish.failures}) and logged at most once a minute.
 * Clients treat these messages as hints and re-read state through the APIs when they reconnect.
 */
@Singleton
@Requires(beans = RedisClusterAsyncCommands.class)
public class RealtimePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimePublisher.class);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final RedisClusterAsyncCommands<String, String> redis;
    private final JsonMapper json;
    private final boolean sharded;
    private final RealtimeHistory.Settings history;
    private final Counter failures;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    public RealtimePublisher(RedisClusterAsyncCommands<String, String> redis, JsonMapper json,
                             RealtimeSettings settings, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.sharded = settings.shardedPubsub();
        this.history = settings.history();
        this.failures = Counter.builder("ore.realtime.publish.failures")
                .description("Realtime messages lost because they could not be serialized or Redis failed")
                .register(meters);
    }

    public boolean sharded() {
        return sharded;
    }

    /**
     * Publishes {@code {type, at, ...payload}} on {@code channel}. The payload must serialize to a JSON
     * object; its own {@code type} or {@code at} fields, if any, are replaced by the arguments.
     */
    public void publish(String channel, String type, Instant at, Object payload) {
        String text;
        try {
            text = envelope(type, at, payload);
        } catch (IOException | RuntimeException e) {
            failures.increment();
            LOG.error("Cannot serialize realtime message {} for {}", type, channel, e);
            return;
        }
        if (!channel.startsWith("rt:")) {
            failures.increment();
            LOG.error("Not a realtime channel (rt:...): {}", channel);
            return;
        }
        try {
            RealtimeHistory.append(redis, channel.substring(3), text, history)
                    .thenCompose(appended -> sharded ? redis.spublish(channel, text) : redis.publish(channel, text))
                    .whenComplete((n, e) -> {
                        if (e != null) {
                            failed(channel, e);
                        }
                    });
        } catch (RuntimeException e) {
            failed(channel, e);
        }
    }

    /** The envelope as published: {@code type} and {@code at} first, then the payload's fields. */
    public String envelope(String type, Instant at, Object payload) throws IOException {
        if (type == null || type.isBlank() || at == null) {
            throw new IllegalArgumentException("a realtime message needs a type and a time");
        }
        var fields = new LinkedHashMap<String, JsonNode>();
        fields.put("type", JsonNode.createStringNode(type));
        fields.put("at", JsonNode.createStringNode(DateTimeFormatter.ISO_INSTANT.format(at)));
        if (payload != null) {
            JsonNode tree = json.writeValueToTree(payload);
            if (!tree.isObject()) {
                throw new IllegalArgumentException("a realtime payload must be a JSON object");
            }
            for (Map.Entry<String, JsonNode> field : tree.entries()) {
                if (!"type".equals(field.getKey()) && !"at".equals(field.getKey()) && !field.getValue().isNull()) {
                    fields.put(field.getKey(), field.getValue());
                }
            }
        }
        return json.writeValueAsString(JsonNode.createObjectNode(fields));
    }

    private void failed(String channel, Throwable e) {
        failures.increment();
        long now = System.nanoTime();
        long previous = lastWarning.get();
        if (now - previous >= LOG_EVERY_NANOS && lastWarning.compareAndSet(previous, now)) {
            LOG.warn("Realtime publish on {} failed (further failures for a minute are only counted): {}", channel,
                    e.toString());
        }
    }
}
