package ore.game.domain.reward;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import ore.game.domain.node.OreType;

/**
 * How many of the token's smallest units (wei, 18 decimals for ORE) one unit of each ore is worth.
 * Integers only: a claim's token amount is {@code oreAmount × rate}, exact. An ore without a rate
 * cannot be claimed.
 */
public final class RewardRates {

    private final Map<OreType, BigInteger> rates;

    public RewardRates(Map<OreType, BigInteger> rates) {
        var copy = new EnumMap<OreType, BigInteger>(OreType.class);
        rates.forEach((ore, rate) -> {
            if (rate == null || rate.signum() <= 0) {
                throw new IllegalArgumentException("the rate of " + ore.code() + " must be a positive integer: " + rate);
            }
            copy.put(ore, rate);
        });
        this.rates = copy;
    }

    public Optional<BigInteger> rate(OreType ore) {
        return Optional.ofNullable(rates.get(ore));
    }

    public Optional<BigInteger> tokenAmount(OreType ore, long oreAmount) {
        return rate(ore).map(r -> r.multiply(BigInteger.valueOf(oreAmount)));
    }
}
