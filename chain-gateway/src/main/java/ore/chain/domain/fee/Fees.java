package ore.chain.domain.fee;

import java.math.BigInteger;
import java.util.Objects;

/** EIP-1559 fee fields of a transaction, in wei per gas. */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    public Fees {
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        if (maxPriorityFeePerGas.signum() < 0 || maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
            throw new IllegalArgumentException("need 0 <= maxPriorityFeePerGas <= maxFeePerGas");
        }
    }
}
