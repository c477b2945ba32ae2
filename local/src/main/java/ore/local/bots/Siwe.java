package ore.local.bots;

import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Sign-In with Ethereum (EIP-4361) the way a wallet app does it, locally: every bot has its own fresh
 * secp256k1 key, so N bots never share (or collide on) a wallet, and nothing is signed by the chain
 * node. The message has the shape auth-service accepts: LF line endings, EIP-55 address, the
 * configured origin and URI, {@code Version: 1}, the chain id, the server's nonce and {@code Issued At}
 * in whole seconds; the signature is EIP-191 {@code personal_sign} (r ‖ s ‖ v, v 27/28, low s).
 */
public final class Siwe {

    public static final String STATEMENT = "Link this wallet to ORE";

    private Siwe() {
    }

    /** A wallet: its key and its EIP-55 checksummed address. */
    public record Wallet(ECKeyPair key, String address) {

        public static Wallet random() {
            try {
                return of(Keys.createEcKeyPair());
            } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
                throw new IllegalStateException("no secp256k1 key generator", e);
            }
        }

        public static Wallet of(ECKeyPair key) {
            return new Wallet(key, Keys.toChecksumAddress(Keys.getAddress(key)));
        }

        @Override
        public String toString() {
            return "Wallet[" + address + "]";
        }
    }

    /**
     * The message text. {@code origin} is what the first line names ({@code http://localhost:8080} or
     * {@code play.ore.game}); {@code uri} the URI line.
     */
    public static String message(String origin, String address, String uri, long chainId, String nonce, Instant issuedAt) {
        return origin + " wants you to sign in with your Ethereum account:\n"
                + address + "\n"
                + "\n"
                + STATEMENT + "\n"
                + "\n"
                + "URI: " + uri + "\n"
                + "Version: 1\n"
                + "Chain ID: " + chainId + "\n"
                + "Nonce: " + nonce + "\n"
                + "Issued At: " + issuedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** EIP-191 personal_sign of the UTF-8 message: {@code 0x} + 130 hex digits. */
    public static String sign(String message, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key);
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return "0x" + HexFormat.of().formatHex(out);
    }
}
