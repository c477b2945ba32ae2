package ore.chain.domain.index;

/** The part of a block the indexer needs: its place in the chain. Hashes are lower-case 0x hex. */
public record BlockHeader(long number, String hash, String parentHash) {
}
