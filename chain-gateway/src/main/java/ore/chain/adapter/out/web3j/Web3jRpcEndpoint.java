package ore.chain.adapter.out.web3j;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import ore.chain.app.port.RpcClient;
import ore.chain.domain.index.BlockHeader;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthFeeHistory;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/**
 * One JSON-RPC endpoint through web3j's HTTP transport, with its own timeouts. Throws
 * {@link EndpointFailure} when the endpoint is at fault (unreachable, timed out, HTTP error, rate
 * limited: try another), {@link RpcClient.RpcRejectedException} when it answered with an error about
 * the request. {@link FailoverRpcClient} decides what to do with each.
 */
final class Web3jRpcEndpoint implements AutoCloseable {

    /** The endpoint, not the request, failed. */
    static final class EndpointFailure extends RuntimeException {
        EndpointFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RpcEndpointSettings settings;
    private final OkHttpClient http;
    private final Web3j web3j;

    Web3jRpcEndpoint(RpcEndpointSettings settings) {
        this.settings = settings;
        long ms = settings.timeout().toMillis();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Math.min(ms, 2000), TimeUnit.MILLISECONDS)
                .readTimeout(ms, TimeUnit.MILLISECONDS)
                .writeTimeout(ms, TimeUnit.MILLISECONDS)
                .callTimeout(ms, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
        this.web3j = Web3j.build(new HttpService(settings.url(), http));
    }

    String name() {
        return settings.name();
    }

    long chainId() {
        return send(web3j.ethChainId()).getChainId().longValueExact();
    }

    long blockNumber() {
        return send(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    Optional<BlockHeader> block(DefaultBlockParameter at) {
        EthBlock.Block b = send(web3j.ethGetBlockByNumber(at, false)).getBlock();
        if (b == null) {
            return Optional.empty();
        }
        return Optional.of(new BlockHeader(b.getNumber().longValueExact(), lower(b.getHash()), lower(b.getParentHash())));
    }

    List<RpcClient.LogEntry> logs(long from, long to, String address, String topic0) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
        filter.addSingleTopic(topic0);
        EthLog answer;
        try {
            answer = web3j.ethGetLogs(filter).send();
        } catch (IOException | RuntimeException e) {
            throw new EndpointFailure(settings.name() + " eth_getLogs failed: " + e.getMessage(), e);
        }
        if (answer.hasError()) {
            Response.Error error = answer.getError();
            String message = error.getMessage() == null ? "" : error.getMessage();
            if (isRangeError(message)) {
                throw new RpcClient.LogRangeTooLargeException(error.getCode(), message);
            }
            throw classify(error);
        }
        return answer.getLogs().stream().map(r -> (Log) r.get()).map(Web3jRpcEndpoint::toEntry).toList();
    }

    RpcClient.FeeHistory feeHistory(int blocks) {
        EthFeeHistory.FeeHistory h = send(web3j.ethFeeHistory(blocks, DefaultBlockParameter.valueOf("latest"),
                List.of(50.0))).getFeeHistory();
        List<BigInteger> tips = h.getReward() == null ? List.of()
                : h.getReward().stream().filter(r -> !r.isEmpty()).map(List::getFirst).toList();
        return new RpcClient.FeeHistory(List.copyOf(h.getBaseFeePerGas()), tips);
    }

    long transactionCount(String address, String tag) {
        return send(web3j.ethGetTransactionCount(address, DefaultBlockParameter.valueOf(tag)))
                .getTransactionCount().longValueExact();
    }

    BigInteger balance(String address) {
        return send(web3j.ethGetBalance(address, DefaultBlockParameter.valueOf("latest"))).getBalance();
    }

    String call(String to, String data) {
        return send(web3j.ethCall(Transaction.createEthCallTransaction(null, to, data),
                DefaultBlockParameter.valueOf("latest"))).getValue();
    }

    RpcClient.SendOutcome sendRawTransaction(String rawTx) {
        String hash = lower(Hash.sha3(rawTx));
        try {
            send(web3j.ethSendRawTransaction(rawTx));
            return new RpcClient.SendOutcome(RpcClient.SendOutcome.Kind.ACCEPTED, hash, null);
        } catch (RpcClient.RpcRejectedException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            RpcClient.SendOutcome.Kind kind;
            if (m.contains("already known") || m.contains("already imported") || m.contains("known transaction")
                    || m.contains("already exists") || m.contains("alreadyknown")) {
                kind = RpcClient.SendOutcome.Kind.ALREADY_KNOWN;
            } else if (m.contains("nonce too low") || m.contains("nonce is too low") || m.contains("noncetoolow")) {
                kind = RpcClient.SendOutcome.Kind.NONCE_TOO_LOW;
            } else if (m.contains("underpriced")) {
                kind = RpcClient.SendOutcome.Kind.REPLACEMENT_UNDERPRICED;
            } else {
                kind = RpcClient.SendOutcome.Kind.REJECTED;
            }
            return new RpcClient.SendOutcome(kind, hash, e.getMessage());
        }
    }

    Optional<RpcClient.Receipt> receipt(String txHash) {
        return send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt()
                .filter(r -> r.getBlockHash() != null && r.getBlockNumberRaw() != null)
                .map(r -> new RpcClient.Receipt(lower(r.getTransactionHash()), r.getBlockNumber().longValueExact(),
                        lower(r.getBlockHash()), r.isStatusOK()));
    }

    private <R extends Response<?>> R send(Request<?, R> request) {
        R answer;
        try {
            answer = request.send();
        } catch (IOException | RuntimeException e) {
            throw new EndpointFailure(settings.name() + " " + request.getMethod() + " failed: " + e.getMessage(), e);
        }
        if (answer.hasError()) {
            throw classify(answer.getError());
        }
        return answer;
    }

    /** Rate limits and server trouble count against the endpoint; anything else is about the request. */
    private RuntimeException classify(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        String m = message.toLowerCase(Locale.ROOT);
        if (error.getCode() == -32005 || m.contains("rate limit") || m.contains("too many requests")
                || m.contains("capacity exceeded") || error.getCode() == -32603 && m.contains("internal")) {
            return new EndpointFailure(settings.name() + " refused service: " + message, null);
        }
        return new RpcClient.RpcRejectedException(error.getCode(), message);
    }

    /** The phrasings of Bor/geth, Erigon and the usual providers for a range or result-size limit. */
    static boolean isRangeError(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("more than") || m.contains("too many") || m.contains("range") || m.contains("response size")
                || m.contains("exceed") || m.contains("limit");
    }

    private static RpcClient.LogEntry toEntry(Log l) {
        return new RpcClient.LogEntry(lower(l.getAddress()), l.getTopics().stream().map(Web3jRpcEndpoint::lower).toList(),
                l.getData(), l.getBlockNumber().longValueExact(), lower(l.getBlockHash()), lower(l.getTransactionHash()),
                l.getLogIndex().intValueExact());
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        web3j.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
