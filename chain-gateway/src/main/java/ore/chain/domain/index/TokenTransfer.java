package ore.chain.domain.index;

import java.math.BigInteger;

/** A decoded ERC-20 Transfer log of the ORE token. Addresses are lower-case 0x hex. */
public record TokenTransfer(long blockNumber, String blockHash, String txHash, int logIndex, String from, String to,
                            BigInteger amount) {

    /** The Kafka key of its events (docs/contracts.md). */
    public String eventKey() {
        return txHash + ":" + logIndex;
    }
}
