package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EthSignatureTest {

    private static final WalletFixture WALLET = WalletFixture.create();
    private static final byte[] VALID = WALLET.signBytes("hello");

    @Test
    void acceptsPrefixedAndBareHex() {
        String hex = HexFormat.of().formatHex(VALID);

        assertThat(EthSignature.fromHex("0x" + hex).bytes()).isEqualTo(VALID);
        assertThat(EthSignature.fromHex(hex).bytes()).isEqualTo(VALID);
        assertThat(EthSignature.fromHex("0x" + hex.toUpperCase()).bytes()).isEqualTo(VALID);
    }

    @Test
    void normalisesRecoveryIdZeroAndOneTo27And28() {
        byte[] withRecoveryId = VALID.clone();
        withRecoveryId[64] = (byte) (VALID[64] - 27);

        assertThat(EthSignature.fromHex(HexFormat.of().formatHex(withRecoveryId)).bytes()).isEqualTo(VALID);
    }

    @Test
    void refusesHighS() {
        String highS = HexFormat.of().formatHex(WalletFixture.highS(VALID));

        assertBad(highS, "EIP-2");
    }

    @Test
    void refusesZeroAndOutOfRangeRAndS() {
        String hex = HexFormat.of().formatHex(VALID);
        String zeros = "00".repeat(32);
        String order = EthSignature.CURVE_ORDER.toString(16);

        assertBad(zeros + hex.substring(64), "r and s");
        assertBad(hex.substring(0, 64) + zeros + hex.substring(128), "r and s");
        assertBad(order + hex.substring(64), "r and s");
    }

    @TestFactory
    Stream<DynamicTest> refusesOtherV() {
        List<String> vs = List.of("02", "1b1b", "1d", "25", "ff");
        return Cases.each(vs, v -> {
            String hex = HexFormat.of().formatHex(VALID, 0, 64) + v;
            assertThatThrownBy(() -> EthSignature.fromHex(hex)).isInstanceOfSatisfying(SiweException.class,
                    e -> assertThat(e.failure()).isEqualTo(SiweFailure.BAD_SIGNATURE));
        });
    }

    @Test
    void refusesWrongLengthAndNonHex() {
        String hex = HexFormat.of().formatHex(VALID);

        assertBad(null, "missing");
        assertBad("", "65 bytes");
        assertBad(hex.substring(0, 128), "65 bytes");
        assertBad(hex + "00", "65 bytes");
        assertBad("zz" + hex.substring(2), "hex");
    }

    private static void assertBad(String hex, String fragment) {
        assertThatThrownBy(() -> EthSignature.fromHex(hex)).isInstanceOfSatisfying(SiweException.class, e -> {
            assertThat(e.failure()).isEqualTo(SiweFailure.BAD_SIGNATURE);
            assertThat(e.getMessage()).contains(fragment);
        });
    }
}
