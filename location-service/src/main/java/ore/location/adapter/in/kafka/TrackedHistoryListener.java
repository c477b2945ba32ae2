package ore.location.adapter.in.kafka;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import java.util.ArrayList;
import java.util.List;
import ore.events.EventCodec;
import ore.events.MalformedEventException;
import ore.events.ReceivedEvent;
import ore.location.app.LocationTracked;
import ore.location.app.PositionHistory;
import ore.location.app.port.TrackingLog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code ore.location.tracked} into the position history, a poll batch at a time. Offsets are
 * committed after the batch is written ({@code OffsetStrategy.SYNC}); if the write fails the
 * consumer seeks back and retries the batch every second until the database is back, so nothing is
 * skipped. Redelivered events insert nothing (the table's key is {@code (player_id, recorded_at)}).
 * Records that are not a valid event are logged (without content) and skipped.
 */
@KafkaListener(groupId = "location-history", batch = true, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s",
                retryCount = Integer.MAX_VALUE))
@Requires(property = "ore.location.history.enabled", notEquals = "false")
class TrackedHistoryListener {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedHistoryListener.class);

    private final PositionHistory history;
    private final EventCodec codec;

    TrackedHistoryListener(PositionHistory history, EventCodec codec) {
        this.history = history;
        this.codec = codec;
    }

    @Topic(TrackingLog.TOPIC)
    void receive(List<ConsumerRecord<String, String>> records) {
        var received = new ArrayList<PositionHistory.Received>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                ReceivedEvent event = codec.decode(record.value());
                if (TrackingLog.TYPE.equals(event.type())) {
                    received.add(new PositionHistory.Received(event.id(), event.payloadAs(LocationTracked.class)));
                }
            } catch (MalformedEventException e) {
                LOG.warn("Skipping malformed record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
            }
        }
        int written = history.record(received);
        LOG.debug("History: {} record(s), {} new row(s)", records.size(), written);
    }
}
