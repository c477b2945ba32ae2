package ore.game.adapter.in.kafka;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import java.util.Locale;
import ore.events.EventCodec;
import ore.events.tracing.EventTracing;
import ore.events.MalformedEventException;
import ore.events.ReceivedEvent;
import ore.game.app.GameEvents;
import ore.game.app.RewardService;
import ore.game.domain.reward.RewardStatus;
import ore.game.domain.reward.Settlement;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * chain-gateway's verdicts on claims ({@code ore.rewards.settled}). The offset is committed after
 * each record, once its transaction committed. A malformed record is logged and skipped (it will
 * never become valid); a failure to apply a valid one (database down) stops the partition and
 * retries the record every 2 s until it goes through: settlements move money and must not be lost.
 */
@KafkaListener(groupId = "${ore.game.kafka.group-id:game-service}", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCount = Integer.MAX_VALUE))
@Requires(property = "ore.game.kafka.consumers-enabled", notEquals = "false")
class RewardsSettledListener {

    private static final Logger LOG = LoggerFactory.getLogger(RewardsSettledListener.class);

    private final EventCodec codec;
    private final RewardService rewards;
    private final EventTracing tracing;

    RewardsSettledListener(EventCodec codec, RewardService rewards, EventTracing tracing) {
        this.codec = codec;
        this.rewards = rewards;
        this.tracing = tracing;
    }

    @Topic(GameEvents.REWARDS_SETTLED_TOPIC)
    void receive(ConsumerRecord<String, String> record) {
        tracing.handle(record, "game-service", () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        Settlement settlement;
        try {
            event = codec.decode(record.value());
            settlement = toSettlement(event.payloadAs(GameEvents.RewardSettled.class));
        } catch (MalformedEventException | IllegalArgumentException bad) {
            LOG.warn("Skipping malformed record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    bad.getMessage());
            return;
        }
        rewards.settle(event.id(), settlement);
    }

    static Settlement toSettlement(GameEvents.RewardSettled p) {
        if (p.rewardId() == null || p.status() == null) {
            throw new IllegalArgumentException("settlement without rewardId or status");
        }
        RewardStatus status = switch (p.status().toUpperCase(Locale.ROOT)) {
            case "PAID" -> RewardStatus.PAID;
            case "FAILED" -> RewardStatus.FAILED;
            default -> throw new IllegalArgumentException("unknown settlement status " + p.status());
        };
        return new Settlement(p.rewardId(), status, p.txHash(), p.reason());
    }
}
