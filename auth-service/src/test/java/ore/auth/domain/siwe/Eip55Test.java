package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class Eip55Test {

    /** Test vectors from the EIP-55 specification. */
    @TestFactory
    Stream<DynamicTest> specVectorsAreChecksummed() {
        List<String> addresses = List.of(
                "0x52908400098527886E0F7030069857D2E4169EE7",
                "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
                "0xde709f2102306220921060314715629080e2fb77",
                "0x27b1fdb04752bbc536007a920d24acb045561c26",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");
        return Cases.each(addresses, address -> {
            assertThat(Eip55.isChecksummed(address)).isTrue();
            assertThat(Eip55.toChecksum(address.toLowerCase(Locale.ROOT))).isEqualTo(address);
            assertThat(Eip55.toChecksum("0x" + address.substring(2).toUpperCase(Locale.ROOT))).isEqualTo(address);
        });
    }

    @Test
    void wrongCaseIsNotChecksummed() {
        assertThat(Eip55.isChecksummed("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).isFalse();
        assertThat(Eip55.isChecksummed("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")).isFalse();
        assertThat(Eip55.isChecksummed("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).isFalse();
    }

    @TestFactory
    Stream<DynamicTest> nonHexAddressesAreRefused() {
        List<String> addresses = List.of("", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg");
        return Cases.each(addresses, address -> {
            assertThat(Eip55.isHexAddress(address)).isFalse();
            assertThat(Eip55.isChecksummed(address)).isFalse();
            assertThatIllegalArgumentException().isThrownBy(() -> Eip55.toChecksum(address));
        });
    }
}
