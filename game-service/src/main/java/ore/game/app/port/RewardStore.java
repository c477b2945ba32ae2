package ore.game.app.port;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.game.domain.reward.Reward;

/** Reward claims. */
public interface RewardStore {

    void insert(Reward reward);

    /** The player's claim made with this Idempotency-Key, if any. */
    Optional<Reward> byClientKey(UUID playerId, String clientKey);

    /** The claim, locked until the end of the current transaction. */
    Optional<Reward> lock(UUID rewardId);

    /** Stores the status, tx hash, failure reason and settlement time of a claim. */
    void updateSettlement(Reward reward);

    /** The player's claims, newest first, older than {@code before} when given. */
    List<Reward> ofPlayer(UUID playerId, Optional<UUID> before, int limit);

    /** Removes the player id, wallet and client key from the player's claims (GDPR); returns how many. */
    int anonymise(UUID playerId);
}
