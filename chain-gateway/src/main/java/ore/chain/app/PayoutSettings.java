package ore.chain.app;

import java.math.BigInteger;
import java.time.Duration;
import ore.chain.domain.fee.FeePolicy;

/**
 * How payouts are sent (built from configuration by {@code ore.chain.config}).
 *
 * @param chainId           the chain the treasury pays on (137 Polygon, 80002 Amoy, 31337 anvil); the
 *                          node must report the same id or nothing is signed
 * @param tokenAddress      the ORE token contract
 * @param gasLimit          gas limit of one ERC-20 transfer
 * @param batchSize         payouts signed per tick at most
 * @param rebroadcastEvery  a pooled transaction is sent again this often until mined (cheap, idempotent)
 * @param stuckAfter        an attempt not mined this long after signing is replaced with higher fees
 */
public record PayoutSettings(long chainId, String tokenAddress, BigInteger gasLimit, int batchSize,
                             Duration rebroadcastEvery, Duration stuckAfter, FeePolicy feePolicy) {
}
