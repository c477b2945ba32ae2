package ore.chain.adapter.in.kafka;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import ore.chain.app.ChainEvents;
import ore.chain.app.PayoutIntake;
import ore.chain.domain.payout.PayoutRequest;
import ore.events.EventCodec;
import ore.events.tracing.EventTracing;
import ore.events.MalformedEventException;
import ore.events.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * game-service's claims ({@code ore.rewards.requested}). The offset is committed after each record,
 * once the payout row committed; the row's primary key (reward id) makes redelivery harmless. A
 * malformed record is logged and skipped; a failure to store a valid one (database down) retries the
 * record every 2 s: claims hold players' ore in escrow and must not be lost.
 */
@KafkaListener(groupId = "${ore.chain.kafka.group-id:chain-gateway}", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCount = Integer.MAX_VALUE))
@Requires(property = "ore.chain.kafka.consumers-enabled", notEquals = "false")
class RewardsRequestedListener {

    private static final Logger LOG = LoggerFactory.getLogger(RewardsRequestedListener.class);

    private final EventCodec codec;
    private final PayoutIntake intake;
    private final EventTracing tracing;

    RewardsRequestedListener(EventCodec codec, PayoutIntake intake, EventTracing tracing) {
        this.codec = codec;
        this.intake = intake;
        this.tracing = tracing;
    }

    @Topic("${ore.chain.topics.requested:ore.rewards.requested}")
    void receive(ConsumerRecord<String, String> record) {
        tracing.handle(record, "chain-gateway", () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        PayoutRequest request;
        try {
            ReceivedEvent event = codec.decode(record.value());
            if (!ChainEvents.REWARD_REQUESTED.equals(event.type())) {
                LOG.info("Ignoring event type {} on {}", event.type(), record.topic());
                return;
            }
            ChainEvents.RewardRequested p = event.payloadAs(ChainEvents.RewardRequested.class);
            request = PayoutRequest.of(p.rewardId(), p.playerId(), p.wallet(), p.tokenAmount(), p.requestedAt());
        } catch (MalformedEventException | IllegalArgumentException bad) {
            LOG.warn("Skipping malformed record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    bad.getMessage());
            return;
        }
        if (intake.accept(request)) {
            LOG.info("Payout for reward {} accepted", request.rewardId());
        }
    }
}
