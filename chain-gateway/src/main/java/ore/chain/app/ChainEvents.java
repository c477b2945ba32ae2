package ore.chain.app;

import java.util.UUID;

/**
 * The Kafka topics chain-gateway reads and writes (docs/contracts.md) and their payloads. Payloads are
 * plain records, made (de)serializable in {@code ore.chain.config.EventPayloads}.
 */
public final class ChainEvents {

    private ChainEvents() {
    }

    /** From game-service's outbox; key: reward id. */
    public static final String REWARDS_REQUESTED_TOPIC = "ore.rewards.requested";
    /** Our verdict per reward; key: reward id. */
    public static final String REWARDS_SETTLED_TOPIC = "ore.rewards.settled";
    /** ORE token transfers seen on chain; key: {@code txHash:logIndex}. */
    public static final String CHAIN_EVENTS_TOPIC = "ore.chain.events";

    public static final String REWARD_REQUESTED = "RewardRequested";
    public static final String REWARD_SETTLED = "RewardSettled";
    public static final String ORE_TRANSFER = "OreTransfer";

    /** As game-service writes it; {@code tokenAmount} is a decimal integer string (wei). */
    public record RewardRequested(UUID rewardId, UUID playerId, String wallet, String tokenAmount,
                                  java.time.Instant requestedAt) {
    }

    /** As game-service reads it: {@code status} PAID (with txHash) or FAILED (with reason). */
    public record RewardSettled(UUID rewardId, String status, String txHash, String reason) {
    }

    /**
     * One status of one Transfer log: {@code pending}, {@code confirmed}, {@code finalized} or
     * {@code removed} (a retraction: the block left the canonical chain; a re-mined copy of the same
     * transaction arrives as a new {@code pending} event with another blockHash). {@code amount} in wei
     * as a decimal string.
     */
    public record OreTransfer(long chainId, String txHash, int logIndex, long blockNumber, String blockHash,
                              String from, String to, String amount, String status) {
    }
}
