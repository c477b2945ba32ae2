package ore.game.app;

import java.time.Instant;
import java.util.UUID;

/**
 * The Kafka topics game-service writes and reads (docs/contracts.md), the event types and their payloads.
 * Every event goes through the transactional outbox; payloads are plain records (serialized via
 * {@code ore.game.config.EventPayloads}).
 */
public final class GameEvents {

    private GameEvents() {
    }

    /** Game activity for realtime and analytics; key: player id. */
    public static final String GAME_TOPIC = "ore.game.events";
    /** Claims for chain-gateway to pay; key: reward id. */
    public static final String REWARDS_REQUESTED_TOPIC = "ore.rewards.requested";
    /** chain-gateway's outcome of each claim; key: reward id. */
    public static final String REWARDS_SETTLED_TOPIC = "ore.rewards.settled";
    /** Account lifecycle from auth-service (UserDeleted); key: user id. */
    public static final String USER_LIFECYCLE_TOPIC = "ore.user.lifecycle";
    /** location-service's anti-cheat reports (key: player id). */
    public static final String LOCATION_CHEAT_TOPIC = "ore.location.cheat";
    public static final String SUSPECTED_CHEAT = "SuspectedCheat";

    public static final String ORE_MINED = "OreMined";
    public static final String NODE_DEPLETED = "NodeDepleted";
    public static final String REWARD_STATUS_CHANGED = "RewardStatusChanged";
    public static final String REWARD_REQUESTED = "RewardRequested";
    public static final String USER_DELETED = "UserDeleted";

    public record OreMined(UUID mineId, UUID playerId, String nodeId, String cell, String ore, long amount,
                           int nodeRemaining, Instant minedAt) {
    }

    public record NodeDepleted(String nodeId, String cell, UUID lastMinerId, Instant depletedAt) {
    }

    /** {@code playerId} is null after the player deleted the account; {@code tokenAmount} in the token's smallest unit. */
    public record RewardStatusChanged(UUID rewardId, UUID playerId, String status, String ore, long oreAmount,
                                      String tokenAmount, String txHash, String reason, Instant at) {
    }

    /** What chain-gateway needs to pay a claim; {@code tokenAmount} is a decimal integer string (wei). */
    public record RewardRequested(UUID rewardId, UUID playerId, String wallet, String tokenAmount,
                                  Instant requestedAt) {
    }

    /** From chain-gateway: {@code status} PAID (with txHash) or FAILED (with reason). */
    public record RewardSettled(UUID rewardId, String status, String txHash, String reason) {
    }

    /** From auth-service. */
    /** location-service's {@code SuspectedCheat} payload. */
    public record SuspectedCheat(UUID playerId, Integer rejections, Long windowSeconds, java.util.List<String> reasons,
                                 Instant detectedAt) {
    }

    public record UserDeleted(UUID userId, Instant requestedAt) {
    }
}
