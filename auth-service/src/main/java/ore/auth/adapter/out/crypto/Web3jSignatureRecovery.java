package ore.auth.adapter.out.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import ore.auth.domain.siwe.SignatureRecovery;
import ore.auth.domain.siwe.SiweException;
import ore.auth.domain.siwe.SiweFailure;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * {@link SignatureRecovery} with web3j: {@link Sign#signedPrefixedMessageToKey} applies the EIP-191
 * prefix and recovers the public key, {@link Keys#getAddress(BigInteger)} derives the address.
 */
public final class Web3jSignatureRecovery implements SignatureRecovery {

    @Override
    public String recoverAddress(String message, byte[] signature65) {
        if (signature65 == null || signature65.length != 65) {
            throw new SiweException(SiweFailure.BAD_SIGNATURE, "signature must be 65 bytes");
        }
        Sign.SignatureData data = new Sign.SignatureData(
                signature65[64], Arrays.copyOfRange(signature65, 0, 32), Arrays.copyOfRange(signature65, 32, 64));
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8), data);
            return "0x" + Keys.getAddress(publicKey);
        } catch (SignatureException | IllegalArgumentException e) {
            // IllegalArgumentException: r is not the x coordinate of any curve point (from Bouncy Castle).
            throw new SiweException(SiweFailure.BAD_SIGNATURE, "no public key can be recovered from the signature");
        }
    }
}
