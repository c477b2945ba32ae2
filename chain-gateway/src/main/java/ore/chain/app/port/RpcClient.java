package ore.chain.app.port;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import ore.chain.domain.index.BlockHeader;

/**
 * The Polygon (Ethereum) JSON-RPC calls chain-gateway makes.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>Every call is bounded in time; when no endpoint answers it throws {@link RpcUnavailableException}.
 *   An endpoint that answered with a JSON-RPC error gives {@link RpcRejectedException} (the request
 *   itself is at fault; trying elsewhere would not help).</li>
 *   <li>Reads may be served by any endpoint (the primary first, then fallbacks): two calls can see
 *   different heads. Callers compare block hashes, never assume monotonic answers.</li>
 *   <li>{@link #sendRawTransaction} is safe to repeat, on any endpoint: a node that already has the
 *   transaction answers {@link SendOutcome.Kind#ALREADY_KNOWN}.</li>
 *   <li>{@link #logs} throws {@link LogRangeTooLargeException} when the node refuses the range or the
 *   result size; callers split the range ({@code LogFetcher}).</li>
 * </ul>
 * Addresses and hashes are lower-case 0x hex; quantities are {@link BigInteger} or long.
 */
public interface RpcClient {

    long chainId();

    long blockNumber();

    /** The block at {@code number}, or empty when the node does not have it (yet). */
    Optional<BlockHeader> block(long number);

    /**
     * The block a tag names ({@code latest}, {@code safe}, {@code finalized}); empty when the node has
     * none for it. A node that does not know the tag throws {@link RpcRejectedException}.
     */
    Optional<BlockHeader> block(String tag);

    /** Logs of {@code address} with first topic {@code topic0} in blocks {@code from..to} (inclusive). */
    List<LogEntry> logs(long from, long to, String address, String topic0);

    /** {@code eth_feeHistory} over {@code blocks} blocks up to latest, tips at the 50th percentile. */
    FeeHistory feeHistory(int blocks);

    /** {@code eth_getTransactionCount} at a block tag ({@code latest}, {@code pending}, {@code finalized}). */
    long transactionCount(String address, String tag);

    /** The ether (POL) balance of {@code address} at latest. */
    BigInteger balance(String address);

    /** {@code eth_call} against latest; returns the 0x hex result. */
    String call(String to, String data);

    SendOutcome sendRawTransaction(String rawTx);

    /** The receipt of a mined transaction, empty while it is not mined (or no longer, after a reorg). */
    Optional<Receipt> receipt(String txHash);

    record LogEntry(String address, List<String> topics, String data, long blockNumber, String blockHash,
                    String txHash, int logIndex) {
    }

    /** {@code baseFees}: one per block plus the next block's (last); {@code tips}: one per block. */
    record FeeHistory(List<BigInteger> baseFees, List<BigInteger> tips) {

        public BigInteger nextBaseFee() {
            return baseFees.isEmpty() ? BigInteger.ZERO : baseFees.getLast();
        }
    }

    record Receipt(String txHash, long blockNumber, String blockHash, boolean success) {
    }

    /** What a node said to a raw transaction. */
    record SendOutcome(Kind kind, String txHash, String message) {

        public enum Kind {
            /** Taken into the node's pool. */
            ACCEPTED,
            /** The node already has this exact transaction. */
            ALREADY_KNOWN,
            /** The sender's nonce is past this one: this or another transaction with it was mined. */
            NONCE_TOO_LOW,
            /** A transaction with this nonce is pooled and this one does not raise fees enough. */
            REPLACEMENT_UNDERPRICED,
            /** Anything else the node refused (insufficient funds for gas, fee cap below base fee, ...). */
            REJECTED
        }

        public boolean inPool() {
            return kind == Kind.ACCEPTED || kind == Kind.ALREADY_KNOWN;
        }
    }

    /** No endpoint answered (down, timed out, circuit open, budget spent). */
    class RpcUnavailableException extends RuntimeException {
        public RpcUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An endpoint answered with a JSON-RPC error. */
    class RpcRejectedException extends RuntimeException {
        private final long code;

        public RpcRejectedException(long code, String message) {
            super(message);
            this.code = code;
        }

        public long code() {
            return code;
        }
    }

    /** The node refused an {@code eth_getLogs} range or result size. */
    class LogRangeTooLargeException extends RpcRejectedException {
        public LogRangeTooLargeException(long code, String message) {
            super(code, message);
        }
    }
}
