package ore.auth.adapter.out.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import ore.auth.domain.siwe.SiweException;
import ore.auth.domain.siwe.SiweFailure;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

class Web3jSignatureRecoveryTest {

    /** A well-known test key (never funded); its address is fixed, so recovery is checked end to end. */
    private static final Credentials KEY =
            Credentials.create("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static final String KEY_ADDRESS = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";

    private final Web3jSignatureRecovery recovery = new Web3jSignatureRecovery();

    @Test
    void knownKeyHasKnownAddress() {
        assertThat(KEY.getAddress()).isEqualTo(KEY_ADDRESS);
    }

    @Test
    void recoversTheLowerCaseAddressOfThePersonalSignSigner() {
        String message = "Sign in to ORE.\nNonce: 12345678 – ünïcödé is UTF-8 encoded";

        assertThat(recovery.recoverAddress(message, sign(message))).isEqualTo(KEY_ADDRESS);
    }

    @Test
    void differentMessageRecoversADifferentAddress() {
        assertThat(recovery.recoverAddress("other", sign("original"))).isNotEqualTo(KEY_ADDRESS).startsWith("0x")
                .hasSize(42);
    }

    @Test
    void refusesWrongLengthAndUnrecoverableSignatures() {
        byte[] unrecoverable = sign("x");
        unrecoverable[64] = 26;

        assertBad(() -> recovery.recoverAddress("x", new byte[64]));
        assertBad(() -> recovery.recoverAddress("x", unrecoverable));
    }

    @Test
    void refusesRThatIsNotOnTheCurve() {
        // x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square mod p), so recovery must fail.
        byte[] signature = sign("x");
        byte[] r = HexFormat.of().parseHex("00".repeat(31) + "05");
        System.arraycopy(r, 0, signature, 0, 32);

        assertBad(() -> recovery.recoverAddress("x", signature));
    }

    private static byte[] sign(String message) {
        Sign.SignatureData data = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), KEY.getEcKeyPair());
        byte[] out = new byte[65];
        System.arraycopy(data.getR(), 0, out, 0, 32);
        System.arraycopy(data.getS(), 0, out, 32, 32);
        out[64] = data.getV()[0];
        return out;
    }

    private static void assertBad(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SiweException.class,
                e -> assertThat(e.failure()).isEqualTo(SiweFailure.BAD_SIGNATURE));
    }
}
