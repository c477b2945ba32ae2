package ore.chain.app;

import java.time.Clock;
import ore.chain.app.port.EventOutbox;
import ore.chain.app.port.PayoutStore;
import ore.chain.app.port.Transactions;
import ore.chain.domain.payout.PayoutRequest;
import ore.chain.domain.payout.PayoutStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes reward requests in, once per reward id: a repeated request (Kafka redelivery, a relay retry,
 * a second event for the same reward) changes nothing. A request that can never be paid is settled
 * FAILED at once, in the same transaction, so game-service refunds the player.
 */
public final class PayoutIntake {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutIntake.class);

    private final Transactions tx;
    private final PayoutStore store;
    private final EventOutbox outbox;
    private final EventTopics topics;
    private final Clock clock;

    public PayoutIntake(Transactions tx, PayoutStore store, EventOutbox outbox, EventTopics topics, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.topics = topics;
        this.clock = clock;
    }

    /** @return true when the request was new */
    public boolean accept(PayoutRequest request) {
        return tx.inTransaction(() -> {
            if (request.valid()) {
                return store.insert(request, PayoutStatus.QUEUED, clock.instant());
            }
            boolean inserted = store.insert(request, PayoutStatus.FAILED, clock.instant());
            if (inserted) {
                LOG.warn("Reward {} cannot be paid: {}", request.rewardId(), request.invalidReason());
                outbox.publish(topics.settled(), ChainEvents.REWARD_SETTLED,
                        request.rewardId().toString(),
                        new ChainEvents.RewardSettled(request.rewardId(), "FAILED", null, request.invalidReason()));
            }
            return inserted;
        });
    }
}
