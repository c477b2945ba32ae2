package ore.chain.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import ore.chain.domain.fee.FeePolicy;
import ore.chain.domain.fee.Fees;
import ore.testkit.PropertyChecks;
import org.junit.jupiter.api.Test;

class FeePolicyTest {

    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    final FeePolicy polygon = new FeePolicy(GWEI.multiply(BigInteger.valueOf(30)), GWEI.multiply(BigInteger.valueOf(3000)), 15);

    @Test
    void tipNeverBelowTheNetworkMinimumAndFeeCoversTwoBaseFeeDoublings() {
        Fees f = polygon.suggest(GWEI.multiply(BigInteger.valueOf(100)), List.of(BigInteger.ONE, BigInteger.TWO));
        assertThat(f.maxPriorityFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(30)));
        assertThat(f.maxFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(230)));
        Fees busy = polygon.suggest(GWEI, List.of(GWEI.multiply(BigInteger.valueOf(40)), GWEI.multiply(BigInteger.valueOf(50)),
                GWEI.multiply(BigInteger.valueOf(45))));
        assertThat(busy.maxPriorityFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(45)));
    }

    @Test
    void theCapBoundsTheSuggestion() {
        Fees f = polygon.suggest(GWEI.multiply(BigInteger.valueOf(5000)), List.of());
        assertThat(f.maxFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(3000)));
    }

    @Test
    void aBumpRaisesBothFieldsByAtLeastTenPercentOrIsRefusedAtTheCap() {
        // The tip is drawn as a share of the fee (a tip never exceeds the fee cap of its transaction):
        // filtering random pairs instead discarded half of them and could give up before enough examples.
        PropertyChecks.qt("FeePolicyTest.bump").forAll(longs().between(1, 4_000_000_000_000L), integers().between(0, 100),
                        longs().between(0, 4_000_000_000_000L))
                .check((fee, tipPercent, current) -> {
                    long tip = BigInteger.valueOf(fee).multiply(BigInteger.valueOf(tipPercent))
                            .divide(BigInteger.valueOf(100)).longValueExact();
                    Fees previous = new Fees(BigInteger.valueOf(fee), BigInteger.valueOf(tip));
                    BigInteger cur = BigInteger.valueOf(current);
                    Optional<Fees> bumped = polygon.bump(previous, new Fees(cur, cur.min(BigInteger.valueOf(tip))));
                    if (bumped.isEmpty()) {
                        // Only refused when even the minimum valid bump (10 %) would pass the cap.
                        return BigInteger.valueOf(fee).multiply(BigInteger.valueOf(110))
                                .compareTo(polygon.maxFeeCap().multiply(BigInteger.valueOf(100))) > 0;
                    }
                    Fees b = bumped.get();
                    return b.maxFeePerGas().multiply(BigInteger.TEN).compareTo(previous.maxFeePerGas().multiply(BigInteger.valueOf(11))) >= 0
                            && b.maxPriorityFeePerGas().multiply(BigInteger.TEN)
                                    .compareTo(previous.maxPriorityFeePerGas().multiply(BigInteger.valueOf(11))) >= 0
                            && b.maxPriorityFeePerGas().compareTo(previous.maxPriorityFeePerGas()) > 0
                            && b.maxFeePerGas().compareTo(polygon.maxFeeCap()) <= 0
                            && b.maxFeePerGas().compareTo(b.maxPriorityFeePerGas()) >= 0;
                });
    }
}
