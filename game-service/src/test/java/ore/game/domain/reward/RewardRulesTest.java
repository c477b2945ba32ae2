package ore.game.domain.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;
import ore.game.domain.node.OreType;
import org.junit.jupiter.api.Test;

class RewardRulesTest {

    @Test
    void tokenAmountsAreExactIntegers() {
        var rates = new RewardRates(Map.of(OreType.MYTHRIL, new BigInteger("250000000000000000")));
        assertThat(rates.tokenAmount(OreType.MYTHRIL, 1_000_000)).contains(new BigInteger("250000000000000000000000"));
        assertThat(rates.tokenAmount(OreType.COPPER, 1)).isEmpty();
        assertThatThrownBy(() -> new RewardRates(Map.of(OreType.GOLD, BigInteger.ZERO))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settlementsAreValidated() {
        UUID id = UUID.randomUUID();
        String hash = "0x" + "0f".repeat(32);
        assertThat(new Settlement(id, RewardStatus.PAID, hash, null).txHash()).isEqualTo(hash);
        assertThat(new Settlement(id, RewardStatus.FAILED, null, "x".repeat(500)).reason()).hasSize(200);
        assertThatThrownBy(() -> new Settlement(id, RewardStatus.PAID, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settlement(id, RewardStatus.PAID, "0x1234", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settlement(id, RewardStatus.REQUESTED, hash, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void walletsComeFromTheTokenClaimWhenWellFormed() {
        assertThat(WalletAddress.fromClaim("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).isPresent();
        assertThat(WalletAddress.fromClaim(null)).isEmpty();
        assertThat(WalletAddress.fromClaim("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")).isEmpty();
        assertThat(WalletAddress.fromClaim("vitalik.eth")).isEmpty();
    }

    @Test
    void claimLimits() {
        var limits = new ClaimLimits(1, 10);
        limits.check(1);
        limits.check(10);
        assertThatThrownBy(() -> limits.check(0)).hasFieldOrPropertyWithValue("code", "game.invalid_amount");
        assertThatThrownBy(() -> limits.check(11)).hasFieldOrPropertyWithValue("code", "game.invalid_amount");
    }
}
