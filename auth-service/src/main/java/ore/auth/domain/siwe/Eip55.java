package ore.auth.domain.siwe;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;

/**
 * EIP-55 mixed-case checksum encoding of Ethereum addresses.
 *
 * <p>Each hex letter of the address is upper-cased when the matching nibble of
 * Keccak-256(lower-case hex without {@code 0x}) is 8 or more. web3j's {@link Hash} is used only as a
 * pure Keccak-256 function; nothing else of web3j enters the domain.
 */
public final class Eip55 {

    private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Eip55() {
    }

    /** True if {@code address} is {@code 0x} followed by 40 hex digits, in any letter case. */
    public static boolean isHexAddress(String address) {
        return address != null && HEX_ADDRESS.matcher(address).matches();
    }

    /**
     * The checksummed form of a hex address given in any letter case.
     *
     * @throws IllegalArgumentException if {@code address} is not {@code 0x} + 40 hex digits
     */
    public static String toChecksum(String address) {
        if (!isHexAddress(address)) {
            throw new IllegalArgumentException("not 0x followed by 40 hex digits");
        }
        String lower = address.substring(2).toLowerCase(Locale.ROOT);
        byte[] hash = Hash.sha3(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(42).append("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (i % 2 == 0) ? (hash[i / 2] >> 4) & 0xF : hash[i / 2] & 0xF;
            out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /** True if {@code address} is a hex address written exactly in its EIP-55 checksum form. */
    public static boolean isChecksummed(String address) {
        return isHexAddress(address) && toChecksum(address).equals(address);
    }
}
