package ore.chain.domain.fee;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * EIP-1559 fees for payouts.
 *
 * <ul>
 *   <li><b>Suggest.</b> The tip is the median of the recent blocks' 50th-percentile tips, but never
 *   below {@code minPriorityFee} (Polygon PoS validators ignore transactions tipping less than the
 *   network minimum). The fee cap is twice the next block's base fee plus the tip, so the transaction
 *   stays includable through several full blocks of base-fee growth, and never above {@code maxFeeCap}.</li>
 *   <li><b>Bump.</b> A replacement must raise both fields by at least 10 % or nodes refuse it
 *   ("replacement underpriced"); we raise by {@code bumpPercent} (at least 10) and take the current
 *   suggestion when that is higher. When the cap forbids a valid bump, there is no replacement.</li>
 * </ul>
 */
public record FeePolicy(BigInteger minPriorityFee, BigInteger maxFeeCap, int bumpPercent) {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    public FeePolicy {
        if (minPriorityFee.signum() < 0 || maxFeeCap.compareTo(minPriorityFee) < 0) {
            throw new IllegalArgumentException("need 0 <= minPriorityFee <= maxFeeCap");
        }
        if (bumpPercent < 10) {
            throw new IllegalArgumentException("bumpPercent must be at least 10 (nodes refuse smaller replacements)");
        }
    }

    /**
     * @param nextBaseFee the base fee of the next block (last entry of {@code eth_feeHistory}'s baseFeePerGas)
     * @param recentTips  the 50th-percentile tips of recent blocks (may be empty)
     */
    public Fees suggest(BigInteger nextBaseFee, List<BigInteger> recentTips) {
        BigInteger tip = median(recentTips).max(minPriorityFee).min(maxFeeCap);
        BigInteger maxFee = nextBaseFee.shiftLeft(1).add(tip).min(maxFeeCap);
        return new Fees(maxFee.max(tip), tip);
    }

    /**
     * A replacement for {@code previous}, or empty when the fee cap leaves no room for a valid bump.
     * Near the cap the bump shrinks to what still fits, as long as that is the 10 % nodes require.
     */
    public Optional<Fees> bump(Fees previous, Fees current) {
        BigInteger tip = raise(previous.maxPriorityFeePerGas(), bumpPercent).max(current.maxPriorityFeePerGas());
        BigInteger maxFee = raise(previous.maxFeePerGas(), bumpPercent).max(current.maxFeePerGas()).max(tip).min(maxFeeCap);
        tip = tip.min(maxFee);
        if (maxFee.compareTo(raise(previous.maxFeePerGas(), 10)) < 0
                || tip.compareTo(raise(previous.maxPriorityFeePerGas(), 10)) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Fees(maxFee, tip));
    }

    private static BigInteger raise(BigInteger value, int percent) {
        // Rounded up, and at least +1 wei, so a bump of a tiny value is still a strict increase.
        BigInteger[] qr = value.multiply(BigInteger.valueOf(100L + percent)).divideAndRemainder(HUNDRED);
        BigInteger raised = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return raised.max(value.add(BigInteger.ONE));
    }

    private static BigInteger median(List<BigInteger> values) {
        if (values.isEmpty()) {
            return BigInteger.ZERO;
        }
        List<BigInteger> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
