package ore.chain.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import ore.chain.adapter.out.jooq.JooqBudgetLedger;
import ore.chain.adapter.out.kms.KmsTxSigner;
import ore.chain.adapter.out.memory.MemoryBudgetLedger;
import ore.chain.adapter.out.web3j.BreakerSettings;
import ore.chain.adapter.out.web3j.FailoverRpcClient;
import ore.chain.adapter.out.web3j.LocalKeySigner;
import ore.chain.adapter.out.web3j.OreTokenBinding;
import ore.chain.adapter.out.web3j.RpcEndpointSettings;
import ore.chain.app.BudgetSettings;
import ore.chain.app.ChainIndexer;
import ore.chain.app.EventTopics;
import ore.chain.app.FeeOracle;
import ore.chain.app.Finality;
import ore.chain.app.IndexerSettings;
import ore.chain.app.LogFetcher;
import ore.chain.app.PayoutIntake;
import ore.chain.app.PayoutProcessor;
import ore.chain.app.PayoutSettings;
import ore.chain.app.TreasuryMonitor;
import ore.chain.app.port.BudgetLedger;
import ore.chain.app.port.EventOutbox;
import ore.chain.app.port.IndexStore;
import ore.chain.app.port.PayoutStore;
import ore.chain.app.port.RpcClient;
import ore.chain.app.port.TokenCodec;
import ore.chain.app.port.Transactions;
import ore.chain.app.port.TxSigner;
import ore.chain.domain.fee.FeePolicy;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Wires the ports to their adapters and the use cases to their settings. */
@Factory
public class ChainFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ChainFactory.class);
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    @Singleton
    @Bean(preDestroy = "close")
    FailoverRpcClient rpcClient(ChainSettings.Rpc rpc, BudgetLedger budgetLedger, MeterRegistry metrics, Clock clock) {
        List<RpcEndpointSettings> endpoints = new ArrayList<>();
        for (int i = 0; i < rpc.urls().size(); i++) {
            String url = rpc.urls().get(i).trim();
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("ore.chain.rpc.urls[" + i + "] must be an http(s) URL");
            }
            String name = i == 0 ? "primary" : "fallback-" + i;
            endpoints.add(new RpcEndpointSettings(name, url, rpc.timeout(), budget(rpc.dailyBudgets(), i),
                    budget(rpc.monthlyBudgets(), i)));
        }
        return new FailoverRpcClient(endpoints, new BreakerSettings(rpc.breakerWindow(), rpc.breakerMinCalls(),
                rpc.breakerFailureRate(), rpc.breakerOpenFor()),
                new BudgetSettings(budgetLedger, rpc.budgetLease(), rpc.budgetRecheck()), metrics, clock);
    }

    /**
     * Where request budgets are counted: {@code postgres} (default; {@code chain.rpc_budget}, shared by
     * all instances, kept across restarts) or {@code memory} (this process only: tests, a lone dev run).
     * The PostgreSQL ledger gets the pool's {@link DSLContext}, not the transactional one: a lease
     * must never join the transaction of the code making the RPC call.
     */
    @Singleton
    BudgetLedger budgetLedger(ChainSettings.Rpc rpc, BeanProvider<DSLContext> dsl) {
        return switch (rpc.budgetStore().trim().toLowerCase(Locale.ROOT)) {
            case "postgres" -> new JooqBudgetLedger(dsl.get());
            case "memory" -> {
                LOG.warn("RPC request budgets are counted in memory: per process, reset at every restart");
                yield new MemoryBudgetLedger();
            }
            default -> throw new IllegalStateException("ore.chain.rpc.budget-store must be postgres or memory, not "
                    + rpc.budgetStore());
        };
    }

    private static long budget(List<Long> budgets, int i) {
        return budgets == null || budgets.size() <= i || budgets.get(i) == null ? 0 : budgets.get(i);
    }

    @Singleton
    TokenCodec tokenCodec() {
        return new OreTokenBinding();
    }

    @Singleton
    TxSigner signer(ChainSettings.Signer s) {
        return switch (s.kind().toLowerCase(Locale.ROOT)) {
            case "local" -> {
                if (!s.allowLocalKey()) {
                    throw new IllegalStateException("ore.chain.signer.kind=local keeps the treasury key in memory; set "
                            + "ORE_CHAIN_SIGNER_ALLOW_LOCAL_KEY=true (dev/test only) or use kind=kms");
                }
                if (s.privateKey() == null || s.privateKey().isBlank()) {
                    throw new IllegalStateException("ORE_CHAIN_SIGNER_PRIVATE_KEY is required for the local signer");
                }
                LocalKeySigner signer = new LocalKeySigner(s.privateKey());
                LOG.warn("Signing payouts with a local key for {} (dev/test only)", signer.address());
                yield signer;
            }
            case "kms" -> {
                if (s.kmsKeyId() == null || s.kmsKeyId().isBlank()) {
                    throw new IllegalStateException("ORE_CHAIN_SIGNER_KMS_KEY_ID is required for the KMS signer");
                }
                var builder = KmsClient.builder()
                        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(s.kmsTimeout())
                                .socketTimeout(s.kmsTimeout()).build())
                        .overrideConfiguration(o -> o.apiCallTimeout(s.kmsTimeout().multipliedBy(2)));
                if (s.kmsRegion() != null && !s.kmsRegion().isBlank()) {
                    builder.region(Region.of(s.kmsRegion()));
                }
                if (s.kmsEndpoint() != null && !s.kmsEndpoint().isBlank()) {
                    builder.endpointOverride(URI.create(s.kmsEndpoint()));
                }
                yield new KmsTxSigner(builder.build(), s.kmsKeyId());
            }
            default -> throw new IllegalStateException("ore.chain.signer.kind must be local or kms, not " + s.kind());
        };
    }

    @Singleton
    Finality finality(RpcClient rpc, ChainSettings.Chain chain) {
        return new Finality(rpc, chain.finalityUseTag(), chain.finalityDepth());
    }

    @Singleton
    FeeOracle feeOracle(RpcClient rpc, ChainSettings.Payouts p) {
        return new FeeOracle(rpc, new FeePolicy(p.minPriorityFee(), p.maxFeeCap(), p.bumpPercent()));
    }

    @Singleton
    EventTopics topics(ChainSettings.Topics t) {
        return new EventTopics(t.requested(), t.settled(), t.chainEvents());
    }

    @Singleton
    PayoutIntake payoutIntake(Transactions tx, PayoutStore store, EventOutbox outbox, EventTopics topics, Clock clock) {
        return new PayoutIntake(tx, store, outbox, topics, clock);
    }

    @Singleton
    PayoutProcessor payoutProcessor(Transactions tx, PayoutStore store, EventOutbox outbox, RpcClient rpc, TxSigner signer,
                                    TokenCodec token, FeeOracle fees, Finality finality, ChainSettings.Chain chain,
                                    ChainSettings.Payouts p, EventTopics topics, Clock clock) {
        PayoutSettings settings = new PayoutSettings(chain.chainId(), tokenAddress(chain), p.gasLimit(), p.batchSize(),
                p.rebroadcastEvery(), p.stuckAfter(), fees.policy());
        return new PayoutProcessor(tx, store, outbox, rpc, signer, token, fees, finality, settings, topics, clock);
    }

    @Singleton
    ChainIndexer chainIndexer(Transactions tx, IndexStore store, EventOutbox outbox, RpcClient rpc, TokenCodec token,
                              Finality finality, ChainSettings.Chain chain, ChainSettings.Indexer i, EventTopics topics,
                              Clock clock) {
        String tokenAddress = tokenAddress(chain);
        String topic = token.transferTopic();
        LogFetcher fetcher = new LogFetcher((from, to) -> rpc.logs(from, to, tokenAddress, topic), i.initialSpan(),
                Math.max(i.initialSpan(), i.maxSpan()));
        IndexerSettings settings = new IndexerSettings(tokenAddress, i.startBlock(), i.confirmDepth(), i.maxBlocksPerTick(),
                i.keepBlocks());
        return new ChainIndexer(tx, store, outbox, rpc, token, fetcher, finality, settings, chain.chainId(), topics, clock);
    }

    @Singleton
    TreasuryMonitor treasuryMonitor(RpcClient rpc, TokenCodec token, TxSigner signer, PayoutStore store,
                                    ChainSettings.Chain chain, Clock clock) {
        return new TreasuryMonitor(rpc, token, signer, store, tokenAddress(chain), clock);
    }

    static String tokenAddress(ChainSettings.Chain chain) {
        if (chain.tokenAddress() == null || !ADDRESS.matcher(chain.tokenAddress().trim()).matches()) {
            throw new IllegalStateException("ORE_CHAIN_TOKEN_ADDRESS must be the ORE token's 0x address");
        }
        return chain.tokenAddress().trim().toLowerCase(Locale.ROOT);
    }
}
