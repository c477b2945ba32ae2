package ore.auth.api;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import ore.auth.domain.siwe.Eip55;
import ore.auth.domain.siwe.SiweMessage;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Real secp256k1 wallets and SIWE messages they sign, for the test configuration's domain and chain. */
final class SiweFixture {

    private SiweFixture() {
    }

    static Credentials wallet() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String message(Credentials wallet, String nonce) {
        var now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        return SiweMessage.builder("play.ore.test", Eip55.toChecksum(wallet.getAddress()), "https://play.ore.test",
                137, nonce, now).statement("Link this wallet to ORE.").expirationTime(now.plusMinutes(5)).build().toText();
    }

    static String sign(Credentials wallet, String message) {
        var sig = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), wallet.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(sig.getR(), 0, bytes, 0, 32);
        System.arraycopy(sig.getS(), 0, bytes, 32, 32);
        bytes[64] = sig.getV()[0];
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
