package ore.chain.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/** Settings of chain-gateway, all under {@code ore.chain.*}; the README lists them with their env vars. */
public final class ChainSettings {

    private ChainSettings() {
    }

    /**
     * {@code ore.chain.*}: the chain (137 Polygon, 80002 Amoy, 31337 anvil), the token, and finality:
     * the node's {@code finalized} tag when {@code finality-use-tag} and the node knows it, else
     * {@code finality-depth} blocks below the head.
     */
    @ConfigurationProperties("ore.chain")
    public record Chain(@Bindable(defaultValue = "137") @Min(1) long chainId,
                        @Nullable String tokenAddress,
                        @Bindable(defaultValue = "true") boolean finalityUseTag,
                        @Bindable(defaultValue = "128") @Min(1) long finalityDepth) {
    }

    /**
     * {@code ore.chain.rpc.*}: endpoints in order (the first is the primary, our Bor node), each with
     * optional daily/monthly request budgets (same order, 0 = unlimited), the per-call timeout and the
     * per-endpoint circuit breaker. Budgets are counted in {@code budget-store} ({@code postgres}:
     * shared by all instances and kept across restarts; {@code memory}: this process only), leased
     * {@code budget-lease} requests at a time; a spent or unreachable budget is asked again after
     * {@code budget-recheck}.
     */
    @ConfigurationProperties("ore.chain.rpc")
    public record Rpc(@NotEmpty List<String> urls,
                      @Nullable List<Long> dailyBudgets,
                      @Nullable List<Long> monthlyBudgets,
                      @Bindable(defaultValue = "postgres") String budgetStore,
                      @Bindable(defaultValue = "200") @Min(1) long budgetLease,
                      @Bindable(defaultValue = "15s") Duration budgetRecheck,
                      @Bindable(defaultValue = "3s") Duration timeout,
                      @Bindable(defaultValue = "20") @Min(1) int breakerWindow,
                      @Bindable(defaultValue = "5") @Min(1) int breakerMinCalls,
                      @Bindable(defaultValue = "50") @DecimalMin("1") @DecimalMax("100") float breakerFailureRate,
                      @Bindable(defaultValue = "15s") Duration breakerOpenFor) {
    }

    /**
     * {@code ore.chain.signer.*}: {@code kind} {@code local} (a private key from the environment, refused
     * unless {@code allow-local-key}: dev and tests) or {@code kms} (an AWS KMS ECC_SECG_P256K1 key).
     */
    @ConfigurationProperties("ore.chain.signer")
    public record Signer(@Bindable(defaultValue = "kms") String kind,
                         @Nullable String privateKey,
                         @Bindable(defaultValue = "false") boolean allowLocalKey,
                         @Nullable String kmsKeyId,
                         @Nullable String kmsRegion,
                         @Nullable String kmsEndpoint,
                         @Bindable(defaultValue = "5s") Duration kmsTimeout) {
    }

    /** {@code ore.chain.payouts.*}: see {@code PayoutSettings} and {@code FeePolicy}. Fees in wei per gas. */
    @ConfigurationProperties("ore.chain.payouts")
    public record Payouts(@Bindable(defaultValue = "true") boolean enabled,
                          @Bindable(defaultValue = "100000") BigInteger gasLimit,
                          @Bindable(defaultValue = "50") @Min(1) int batchSize,
                          @Bindable(defaultValue = "1s") Duration pollInterval,
                          @Bindable(defaultValue = "30s") Duration rebroadcastEvery,
                          @Bindable(defaultValue = "90s") Duration stuckAfter,
                          @Bindable(defaultValue = "30000000000") BigInteger minPriorityFee,
                          @Bindable(defaultValue = "3000000000000") BigInteger maxFeeCap,
                          @Bindable(defaultValue = "15") @Min(10) int bumpPercent,
                          @Bindable(defaultValue = "15s") Duration treasuryRefresh) {
    }

    /** {@code ore.chain.topics.*}: Kafka topic names (docs/contracts.md names by default). */
    @ConfigurationProperties("ore.chain.topics")
    public record Topics(@Bindable(defaultValue = "ore.rewards.requested") String requested,
                         @Bindable(defaultValue = "ore.rewards.settled") String settled,
                         @Bindable(defaultValue = "ore.chain.events") String chainEvents) {
    }

    /** {@code ore.chain.indexer.*}: see {@code IndexerSettings}; spans are eth_getLogs block ranges. */
    @ConfigurationProperties("ore.chain.indexer")
    public record Indexer(@Bindable(defaultValue = "true") boolean enabled,
                          @Bindable(defaultValue = "0") @Min(0) long startBlock,
                          @Bindable(defaultValue = "12") @Min(0) long confirmDepth,
                          @Bindable(defaultValue = "2000") @Min(1) long maxBlocksPerTick,
                          @Bindable(defaultValue = "64") @Min(1) long keepBlocks,
                          @Bindable(defaultValue = "500") @Min(1) long initialSpan,
                          @Bindable(defaultValue = "5000") @Min(1) long maxSpan,
                          @Bindable(defaultValue = "1s") Duration pollInterval) {
    }
}
