package ore.chain.app;

import ore.chain.app.port.RpcClient;
import ore.chain.domain.fee.FeePolicy;
import ore.chain.domain.fee.Fees;

/** Current EIP-1559 fees from {@code eth_feeHistory} over the last blocks, through the {@link FeePolicy}. */
public final class FeeOracle {

    static final int HISTORY_BLOCKS = 10;

    private final RpcClient rpc;
    private final FeePolicy policy;

    public FeeOracle(RpcClient rpc, FeePolicy policy) {
        this.rpc = rpc;
        this.policy = policy;
    }

    public Fees current() {
        RpcClient.FeeHistory history = rpc.feeHistory(HISTORY_BLOCKS);
        return policy.suggest(history.nextBaseFee(), history.tips());
    }

    public FeePolicy policy() {
        return policy;
    }
}
