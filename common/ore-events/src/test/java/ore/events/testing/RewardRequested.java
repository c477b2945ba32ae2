package ore.events.testing;

import io.micronaut.serde.annotation.Serdeable;

/** A payload shaped like the real ones: a @Serdeable record with an integer amount in wei. */
@Serdeable
public record RewardRequested(String rewardId, String playerId, long amountWei) {
}
