package ore.chain.app.port;

import java.math.BigInteger;

/**
 * Signs EIP-1559 transactions for the treasury address. Implementations: a local key (dev and tests)
 * and AWS KMS (production: the key never leaves the HSM). Signing is deterministic in what it signs
 * (the same unsigned transaction always yields a transaction with the same hash for a given
 * signature) and has no side effects on the chain.
 */
public interface TxSigner {

    /** The treasury address, lower-case 0x hex. */
    String address();

    SignedTx sign(UnsignedTx tx);

    /** An ERC-20 call (value 0) to {@code to} with calldata {@code data} (0x hex). */
    record UnsignedTx(long chainId, long nonce, String to, String data, BigInteger gasLimit,
                      BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    }

    /** {@code rawTx}: the 0x hex of the signed envelope; {@code txHash}: its keccak-256. */
    record SignedTx(String rawTx, String txHash) {
    }
}
