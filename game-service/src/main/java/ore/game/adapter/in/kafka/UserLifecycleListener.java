package ore.game.adapter.in.kafka;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import ore.events.EventCodec;
import ore.events.tracing.EventTracing;
import ore.events.MalformedEventException;
import ore.events.ReceivedEvent;
import ore.game.app.GameEvents;
import ore.game.app.PrivacyService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auth-service's account lifecycle ({@code ore.user.lifecycle}): {@code UserDeleted} purges the
 * player (GDPR). Other event types are ignored. Same commit and retry rules as the settlements:
 * an erasure must not be lost.
 */
@KafkaListener(groupId = "${ore.game.kafka.group-id:game-service}", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCount = Integer.MAX_VALUE))
@Requires(property = "ore.game.kafka.consumers-enabled", notEquals = "false")
class UserLifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(UserLifecycleListener.class);

    private final EventCodec codec;
    private final PrivacyService privacy;
    private final EventTracing tracing;

    UserLifecycleListener(EventCodec codec, PrivacyService privacy, EventTracing tracing) {
        this.codec = codec;
        this.privacy = privacy;
        this.tracing = tracing;
    }

    @Topic(GameEvents.USER_LIFECYCLE_TOPIC)
    void receive(ConsumerRecord<String, String> record) {
        tracing.handle(record, "game-service", () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        GameEvents.UserDeleted deleted;
        try {
            event = codec.decode(record.value());
            if (!GameEvents.USER_DELETED.equals(event.type())) {
                return;
            }
            deleted = event.payloadAs(GameEvents.UserDeleted.class);
            if (deleted.userId() == null) {
                throw new MalformedEventException("UserDeleted without userId");
            }
        } catch (MalformedEventException bad) {
            LOG.warn("Skipping malformed record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    bad.getMessage());
            return;
        }
        privacy.purge(event.id(), deleted.userId());
    }
}
