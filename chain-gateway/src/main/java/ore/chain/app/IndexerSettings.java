package ore.chain.app;

/**
 * @param tokenAddress     the ORE token whose Transfer logs are indexed
 * @param startBlock       first block to index when there is no cursor yet (the token's deployment block)
 * @param confirmDepth     blocks on top of a log's block that make it "confirmed"
 * @param maxBlocksPerTick blocks indexed per tick at most (one transaction)
 * @param keepBlocks       headers kept below the finalized block (reorg detection needs those above it)
 */
public record IndexerSettings(String tokenAddress, long startBlock, long confirmDepth, long maxBlocksPerTick,
                              long keepBlocks) {
}
