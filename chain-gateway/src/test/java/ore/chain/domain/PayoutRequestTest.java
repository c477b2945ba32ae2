package ore.chain.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import ore.chain.domain.index.Confirmations;
import ore.chain.domain.index.TransferStatus;
import ore.chain.domain.payout.PayoutRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PayoutRequestTest {

    @Test
    void aValidRequestIsNormalized() {
        PayoutRequest r = PayoutRequest.of(UUID.randomUUID(), UUID.randomUUID(), " 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed ",
                "1000000000000000", Instant.EPOCH);
        assertThat(r.valid()).isTrue();
        assertThat(r.wallet()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(r.amount()).isEqualTo(new BigInteger("1000000000000000"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0x1234|5|wallet",
            "0x0000000000000000000000000000000000000000|5|zero address",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed|0|positive",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed|-3|positive",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed|1.5|decimal integer",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed|115792089237316195423570985008687907853269984665640564039457584007913129639936|256-bit"})
    void requestsThatCanNeverBePaidCarryTheReason(String wallet, String amount, String reason) {
        PayoutRequest r = PayoutRequest.of(UUID.randomUUID(), null, wallet, amount, null);
        assertThat(r.valid()).isFalse();
        assertThat(r.invalidReason()).contains(reason);
        assertThat(r.wallet().length()).isLessThanOrEqualTo(42);
    }

    @Test
    void statusFollowsDepthAndFinality() {
        Confirmations c = new Confirmations(12);
        assertThat(c.statusOf(100, 105, 50)).isEqualTo(TransferStatus.PENDING);
        assertThat(c.statusOf(100, 112, 50)).isEqualTo(TransferStatus.CONFIRMED);
        assertThat(c.statusOf(100, 112, 100)).isEqualTo(TransferStatus.FINALIZED);
    }
}
