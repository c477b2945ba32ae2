package ore.chain.adapter.out.web3j;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * One JSON-RPC endpoint: the primary (own Bor node) or a fallback provider.
 *
 * @param name           {@code primary}, {@code fallback-1}, ...: metric tag and log name (by position)
 * @param timeout        bound on one call (connect + read)
 * @param dailyBudget    requests per UTC day, 0 = unlimited
 * @param monthlyBudget  requests per UTC month, 0 = unlimited
 */
public record RpcEndpointSettings(String name, String url, Duration timeout, long dailyBudget, long monthlyBudget) {

    /**
     * What the shared budget ledger counts this endpoint's requests under: the URL's host (and port
     * when given), lower case. It names the provider whose quota the budget guards, and holds no
     * secret (providers put the API key in the path); reordering the URLs or rotating a key in the
     * path keeps the count.
     */
    public String budgetKey() {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("RPC endpoint " + name + " has no host in its URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    boolean budgeted() {
        return dailyBudget > 0 || monthlyBudget > 0;
    }
}
