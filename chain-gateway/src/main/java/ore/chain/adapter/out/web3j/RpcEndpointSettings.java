package ore.chain.adapter.out.web3j;

import java.time.Duration;

/**
 * One JSON-RPC endpoint: the primary (own Bor node) or a fallback provider.
 *
 * @param timeout        bound on one call (connect + read)
 * @param dailyBudget    requests per UTC day, 0 = unlimited
 * @param monthlyBudget  requests per UTC month, 0 = unlimited
 */
public record RpcEndpointSettings(String name, String url, Duration timeout, long dailyBudget, long monthlyBudget) {
}
