package ore.realtime.adapter.in.kafka;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import java.util.Optional;
import java.util.UUID;
import ore.events.EventCodec;
import ore.events.tracing.EventTracing;
import ore.events.MalformedEventException;
import ore.events.ReceivedEvent;
import ore.realtime.app.Engine;
import ore.realtime.app.Frames;
import ore.realtime.domain.ChannelName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the events that concern a player to {@code player:<id>}: game events, reward settlements
 * and chain events whose payload names a {@code playerId}. Events without one (node depletions, raw
 * token transfers) are not a player's business here and are skipped. The push is
 * {@code {"type": "<topic family>.<event type>", "at": <occurredAt>, "eventId", "payload"}}.
 *
 * <p>One consumer group for all instances: each event is published once to Redis, and reaches the
 * player on whichever instance holds the socket. Realtime pushes are worth nothing late, so a new
 * group starts at the latest offset; a failed publish is logged and not retried.
 */
@KafkaListener(groupId = "${ore.realtime.kafka.group-id:realtime-engine}", offsetReset = OffsetReset.LATEST)
@Requires(property = "ore.realtime.kafka.enabled", notEquals = "false")
class PlayerEventsListener {

    private static final Logger LOG = LoggerFactory.getLogger(PlayerEventsListener.class);

    private final EventCodec codec;
    private final Engine engine;
    private final EventTracing tracing;

    PlayerEventsListener(EventCodec codec, Engine engine, EventTracing tracing) {
        this.codec = codec;
        this.engine = engine;
        this.tracing = tracing;
    }

    @Topic({"ore.game.events", "ore.rewards.settled", "ore.chain.events"})
    void receive(ConsumerRecord<String, String> record) {
        tracing.handle(record, "realtime-engine", () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        try {
            event = codec.decode(record.value());
        } catch (MalformedEventException e) {
            LOG.warn("Skipping malformed record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        Optional<UUID> player = playerId(event.payload().tree());
        if (player.isEmpty()) {
            return;
        }
        String message = Frames.envelope(family(record.topic()) + "." + event.type(), event.occurredAt(),
                "\"eventId\":\"" + event.id() + "\",\"payload\":" + event.payload().json());
        engine.publish(ChannelName.player(player.get()), message).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("Push of event {} to its player failed: {}", event.id(), e.toString());
            }
        });
    }

    static String family(String topic) {
        return switch (topic) {
            case "ore.game.events" -> "game";
            case "ore.rewards.settled" -> "rewards";
            case "ore.chain.events" -> "chain";
            default -> "event";
        };
    }

    static Optional<UUID> playerId(JsonNode payload) {
        JsonNode id = payload == null ? null : payload.get("playerId");
        if (id == null || !id.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.getStringValue()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
