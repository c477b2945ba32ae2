package ore.chain.app.port;

import java.math.BigInteger;
import java.util.Optional;
import ore.chain.domain.index.TokenTransfer;

/** ABI encoding of the ORE token calls and events chain-gateway uses (the web3j bindings). */
public interface TokenCodec {

    /** Calldata of {@code transfer(to, amount)}. */
    String encodeTransfer(String to, BigInteger amount);

    /** Calldata of {@code balanceOf(owner)}. */
    String encodeBalanceOf(String owner);

    BigInteger decodeUint256(String hex);

    /** topic0 of {@code Transfer(address,address,uint256)}. */
    String transferTopic();

    /** The Transfer a log holds, or empty when it is not a well-formed Transfer log. */
    Optional<TokenTransfer> decodeTransfer(RpcClient.LogEntry log);
}
