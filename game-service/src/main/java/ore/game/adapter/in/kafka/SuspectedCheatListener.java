package ore.game.adapter.in.kafka;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import java.util.List;
import ore.events.EventCodec;
import ore.events.tracing.EventTracing;
import ore.events.MalformedEventException;
import ore.events.ReceivedEvent;
import ore.game.app.GameEvents;
import ore.game.app.HoldService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * location-service's anti-cheat reports ({@code ore.location.cheat}): {@code SuspectedCheat} holds
 * the player's mining and claims until an admin releases them. Same commit and retry rules as the
 * other consumers: a malformed record is skipped, a failure to apply a valid one is retried.
 */
@KafkaListener(groupId = "${ore.game.kafka.group-id:game-service}", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCount = Integer.MAX_VALUE))
@Requires(property = "ore.game.kafka.consumers-enabled", notEquals = "false")
class SuspectedCheatListener {

    private static final Logger LOG = LoggerFactory.getLogger(SuspectedCheatListener.class);

    private final EventCodec codec;
    private final HoldService holds;
    private final EventTracing tracing;

    SuspectedCheatListener(EventCodec codec, HoldService holds, EventTracing tracing) {
        this.codec = codec;
        this.holds = holds;
        this.tracing = tracing;
    }

    @Topic(GameEvents.LOCATION_CHEAT_TOPIC)
    void receive(ConsumerRecord<String, String> record) {
        tracing.handle(record, "game-service", () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        GameEvents.SuspectedCheat report;
        try {
            event = codec.decode(record.value());
            if (!GameEvents.SUSPECTED_CHEAT.equals(event.type())) {
                return;
            }
            report = event.payloadAs(GameEvents.SuspectedCheat.class);
            if (report.playerId() == null) {
                throw new MalformedEventException("SuspectedCheat without playerId");
            }
        } catch (MalformedEventException bad) {
            LOG.warn("Skipping malformed record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    bad.getMessage());
            return;
        }
        holds.hold(event.id(), new HoldService.Report(report.playerId(),
                report.rejections() == null ? 0 : report.rejections(),
                report.windowSeconds() == null ? 0 : report.windowSeconds(),
                report.reasons() == null ? List.of() : report.reasons(), report.detectedAt()));
    }
}
