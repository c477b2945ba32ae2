package ore.chain.adapter.out.web3j;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import ore.chain.app.BudgetSettings;
import ore.chain.app.RequestBudget;
import ore.chain.app.port.RpcClient;
import ore.chain.domain.budget.BudgetPeriod;
import ore.chain.domain.index.BlockHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * {@link RpcClient} over an ordered list of endpoints: the primary (our Bor node, < 10 ms away) first,
 * then the fallbacks in order. Each call goes to the first endpoint whose circuit breaker admits it
 * and whose request budget is not spent; if that endpoint fails (connection refused, timeout, HTTP
 * error, rate limit) the next one gets the same call. An endpoint that answers with a JSON-RPC error
 * about the request ends the call there: another node would say the same.
 *
 * <p>Budgets ({@link RequestBudget}) are counted in the {@link BudgetSettings#ledger()} under the
 * endpoint's {@link RpcEndpointSettings#budgetKey()}: in PostgreSQL they are shared by all instances
 * and survive restarts. A budget that is spent, or cannot be checked, skips the endpoint like an open
 * circuit does.
 *
 * <p>Metrics per endpoint: {@code ore.chain.rpc.requests} (timer, tags endpoint, method, outcome
 * ok|rejected|failed), {@code ore.chain.rpc.endpoint.available} (1 while the breaker is not open),
 * {@code ore.chain.rpc.budget.remaining} (the smaller of the day's and the month's, -1 unlimited),
 * {@code ore.chain.rpc.budget.period.remaining} (tag period day|month, -1 unlimited),
 * {@code ore.chain.rpc.budget.leases} (blocks leased from the ledger), {@code ore.chain.rpc.budget.ledger.errors}
 * (ledger calls that failed), and {@code ore.chain.rpc.failovers} (calls answered by a fallback).
 */
public final class FailoverRpcClient implements RpcClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverRpcClient.class);

    private record Endpoint(Web3jRpcEndpoint rpc, CircuitBreaker breaker, RequestBudget budget) {
    }

    private final List<Endpoint> endpoints;
    private final MeterRegistry metrics;
    private final Counter failovers;

    public FailoverRpcClient(List<RpcEndpointSettings> settings, BreakerSettings breaker, BudgetSettings budgets,
                             MeterRegistry metrics, Clock clock) {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("at least one RPC endpoint is required");
        }
        Map<String, String> budgetKeys = new HashMap<>();
        for (RpcEndpointSettings s : settings) {
            String other = s.budgeted() ? budgetKeys.putIfAbsent(s.budgetKey(), s.name()) : null;
            if (other != null) {
                throw new IllegalArgumentException("RPC endpoints " + other + " and " + s.name() + " both have a budget "
                        + "and the same host (" + s.budgetKey() + "): their requests would be counted together");
            }
        }
        this.metrics = metrics;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minCalls())
                .failureRateThreshold(breaker.failureRate())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        List<Endpoint> list = new ArrayList<>();
        for (RpcEndpointSettings s : settings) {
            CircuitBreaker cb = CircuitBreaker.of("rpc-" + s.name(), config);
            cb.getEventPublisher().onStateTransition(e -> LOG.warn("RPC endpoint {}: circuit {}", s.name(),
                    e.getStateTransition()));
            RequestBudget budget = new RequestBudget(s.name(), s.budgeted() ? s.budgetKey() : s.name(), s.dailyBudget(),
                    s.monthlyBudget(), budgets, clock);
            Endpoint e = new Endpoint(new Web3jRpcEndpoint(s), cb, budget);
            Gauge.builder("ore.chain.rpc.endpoint.available", cb,
                            b -> b.getState() == CircuitBreaker.State.OPEN ? 0 : 1)
                    .tag("endpoint", s.name()).register(metrics);
            Gauge.builder("ore.chain.rpc.budget.remaining", budget, b -> b.remaining())
                    .tag("endpoint", s.name()).register(metrics);
            for (BudgetPeriod p : BudgetPeriod.values()) {
                Gauge.builder("ore.chain.rpc.budget.period.remaining", budget, b -> b.remaining(p))
                        .tag("endpoint", s.name()).tag("period", p.label()).register(metrics);
            }
            FunctionCounter.builder("ore.chain.rpc.budget.leases", budget, RequestBudget::leases)
                    .tag("endpoint", s.name()).register(metrics);
            FunctionCounter.builder("ore.chain.rpc.budget.ledger.errors", budget, RequestBudget::ledgerFailures)
                    .tag("endpoint", s.name()).register(metrics);
            list.add(e);
        }
        this.endpoints = List.copyOf(list);
        this.failovers = Counter.builder("ore.chain.rpc.failovers").register(metrics);
    }

    /** Breaker state per endpoint name, for health and tests. */
    public List<String> endpointStates() {
        return endpoints.stream().map(e -> e.rpc().name() + "=" + e.breaker().getState()).toList();
    }

    @Override
    public long chainId() {
        return call("eth_chainId", Web3jRpcEndpoint::chainId);
    }

    @Override
    public long blockNumber() {
        return call("eth_blockNumber", Web3jRpcEndpoint::blockNumber);
    }

    @Override
    public Optional<BlockHeader> block(long number) {
        return call("eth_getBlockByNumber", e -> e.block(DefaultBlockParameter.valueOf(BigInteger.valueOf(number))));
    }

    @Override
    public Optional<BlockHeader> block(String tag) {
        return call("eth_getBlockByNumber", e -> e.block(DefaultBlockParameter.valueOf(tag)));
    }

    @Override
    public List<LogEntry> logs(long from, long to, String address, String topic0) {
        return call("eth_getLogs", e -> e.logs(from, to, address, topic0));
    }

    @Override
    public FeeHistory feeHistory(int blocks) {
        return call("eth_feeHistory", e -> e.feeHistory(blocks));
    }

    @Override
    public long transactionCount(String address, String tag) {
        return call("eth_getTransactionCount", e -> e.transactionCount(address, tag));
    }

    @Override
    public BigInteger balance(String address) {
        return call("eth_getBalance", e -> e.balance(address));
    }

    @Override
    public String call(String to, String data) {
        return call("eth_call", e -> e.call(to, data));
    }

    @Override
    public SendOutcome sendRawTransaction(String rawTx) {
        // Safe on any endpoint: the bytes fix the hash, so a repeat can only be "already known".
        return call("eth_sendRawTransaction", e -> e.sendRawTransaction(rawTx));
    }

    @Override
    public Optional<Receipt> receipt(String txHash) {
        return call("eth_getTransactionReceipt", e -> e.receipt(txHash));
    }

    private <T> T call(String method, Function<Web3jRpcEndpoint, T> work) {
        RuntimeException last = null;
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get(i);
            if (!e.breaker().tryAcquirePermission()) {
                continue;
            }
            if (!e.budget().tryAcquire()) {
                e.breaker().releasePermission();
                continue;
            }
            long start = System.nanoTime();
            try {
                T result = work.apply(e.rpc());
                long took = System.nanoTime() - start;
                e.breaker().onSuccess(took, TimeUnit.NANOSECONDS);
                record(e, method, "ok", took);
                if (i > 0) {
                    failovers.increment();
                }
                return result;
            } catch (RpcRejectedException rejected) {
                long took = System.nanoTime() - start;
                e.breaker().onSuccess(took, TimeUnit.NANOSECONDS);
                record(e, method, "rejected", took);
                throw rejected;
            } catch (RuntimeException failure) {
                long took = System.nanoTime() - start;
                e.breaker().onError(took, TimeUnit.NANOSECONDS, failure);
                record(e, method, "failed", took);
                LOG.debug("RPC {} on {} failed: {}", method, e.rpc().name(), failure.getMessage());
                last = failure;
            }
        }
        throw new RpcUnavailableException("no RPC endpoint answered " + method
                + (last == null ? " (all circuits open or budgets spent)" : ": " + last.getMessage()), last);
    }

    private void record(Endpoint e, String method, String outcome, long nanos) {
        Timer.builder("ore.chain.rpc.requests").tag("endpoint", e.rpc().name()).tag("method", method)
                .tag("outcome", outcome).register(metrics).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Gives unused leased requests back to the budget ledger (best effort) and closes the HTTP clients. */
    @Override
    public void close() {
        endpoints.forEach(e -> e.budget().close());
        endpoints.forEach(e -> e.rpc().close());
    }
}
