package ore.auth.domain.siwe;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 65-byte secp256k1 signature {@code r || s || v} as wallets return it from {@code personal_sign}.
 *
 * <p>Parsing enforces what recovery libraries tend to leave to the caller: r and s in [1, n-1], and s
 * in the lower half of the curve order (EIP-2). Without the low-s rule, anyone holding a valid
 * signature could derive a second valid one (s' = n - s, v flipped), which defeats any "have we seen
 * this signature" bookkeeping.
 */
final class EthSignature {

    static final int LENGTH = 65;

    /** Order n of the secp256k1 group (SEC 2, section 2.4.1). */
    static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

    private final byte[] bytes;

    private EthSignature(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses {@code 0x}-prefixed or bare hex. v may be 27/28 or 0/1 (some hardware wallets); it is
     * normalised to 27/28.
     *
     * @throws SiweException {@link SiweFailure#BAD_SIGNATURE} naming what is wrong
     */
    static EthSignature fromHex(String hex) {
        if (hex == null) {
            throw bad("signature is missing");
        }
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 2 * LENGTH) {
            throw bad("signature must be 65 bytes (130 hex digits)");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw bad("signature must be hex");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
        if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0 || s.signum() == 0 || s.compareTo(CURVE_ORDER) >= 0) {
            throw bad("signature r and s must be between 1 and the curve order");
        }
        if (s.compareTo(HALF_CURVE_ORDER) > 0) {
            throw bad("signature has a high s value; only canonical low-s signatures are accepted (EIP-2)");
        }
        int v = bytes[64] & 0xFF;
        if (v == 0 || v == 1) {
            bytes[64] = (byte) (v + 27);
        } else if (v != 27 && v != 28) {
            throw bad("signature v must be 27, 28, 0 or 1");
        }
        return new EthSignature(bytes);
    }

    /** {@code r || s || v} with v in {27, 28}; a fresh copy each call. */
    byte[] bytes() {
        return bytes.clone();
    }

    private static SiweException bad(String message) {
        return new SiweException(SiweFailure.BAD_SIGNATURE, message);
    }
}
