package ore.auth.domain.siwe;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** A real secp256k1 key that signs like a wallet's {@code personal_sign}. */
record WalletFixture(ECKeyPair keyPair, String address) {

    static WalletFixture create() {
        try {
            ECKeyPair keyPair = Keys.createEcKeyPair();
            return new WalletFixture(keyPair, Eip55.toChecksum("0x" + Keys.getAddress(keyPair)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EIP-191 signature of {@code text} as {@code 0x} + hex of r || s || v (v = 27 or 28). */
    String sign(String text) {
        return "0x" + HexFormat.of().formatHex(signBytes(text));
    }

    byte[] signBytes(String text) {
        Sign.SignatureData data = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), keyPair);
        byte[] out = new byte[65];
        System.arraycopy(data.getR(), 0, out, 0, 32);
        System.arraycopy(data.getS(), 0, out, 32, 32);
        out[64] = data.getV()[0];
        return out;
    }

    /** The malleated twin of a low-s signature: s' = n - s and the recovery bit flipped. Equally valid ECDSA. */
    static byte[] highS(byte[] signature) {
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        byte[] flipped = EthSignature.CURVE_ORDER.subtract(s).toByteArray();
        byte[] out = signature.clone();
        java.util.Arrays.fill(out, 32, 64, (byte) 0);
        int length = Math.min(flipped.length, 32);
        System.arraycopy(flipped, flipped.length - length, out, 64 - length, length);
        out[64] = (byte) (signature[64] == 27 ? 28 : 27);
        return out;
    }
}
