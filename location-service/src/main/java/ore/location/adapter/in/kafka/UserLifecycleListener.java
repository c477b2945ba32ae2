package ore.location.adapter.in.kafka;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ore.events.EventCodec;
import ore.events.tracing.EventTracing;
import ore.events.MalformedEventException;
import ore.events.ReceivedEvent;
import ore.location.app.Erasure;
import ore.location.app.UserDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDPR: on {@code UserDeleted} (auth-service, {@code ore.user.lifecycle}) erases everything
 * location-service holds about the player. The erasure is idempotent, so redelivery needs no
 * bookkeeping; the offset is committed after it succeeded, and a failure is retried until it does.
 */
@KafkaListener(groupId = "location-gdpr", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCount = Integer.MAX_VALUE))
class UserLifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(UserLifecycleListener.class);

    private final Erasure erasure;
    private final EventCodec codec;
    private final EventTracing tracing;

    UserLifecycleListener(Erasure erasure, EventCodec codec, EventTracing tracing) {
        this.erasure = erasure;
        this.codec = codec;
        this.tracing = tracing;
    }

    @Topic(UserDeleted.TOPIC)
    void receive(ConsumerRecord<String, String> record) {
        tracing.handle(record, "location-gdpr", () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        UserDeleted deleted;
        try {
            event = codec.decode(record.value());
            if (!UserDeleted.TYPE.equals(event.type())) {
                return;
            }
            deleted = event.payloadAs(UserDeleted.class);
            if (deleted.userId() == null) {
                // Retrying cannot make it valid, and retrying forever would block every later
                // erasure on the partition.
                throw new MalformedEventException("UserDeleted without userId");
            }
        } catch (MalformedEventException e) {
            LOG.warn("Skipping malformed record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        erasure.erase(deleted.userId());
    }
}
