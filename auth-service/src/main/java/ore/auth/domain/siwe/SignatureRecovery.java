package ore.auth.domain.siwe;

/**
 * Recovers the signer of an EIP-191 {@code personal_sign} signature.
 *
 * <p>Contract: the signed bytes are {@code "\x19Ethereum Signed Message:\n" + byteLength + message},
 * with {@code message} encoded as UTF-8. {@code signature65} is {@code r (32) || s (32) || v (1)} with
 * {@code v} already normalised to 27 or 28; the caller has checked that r and s are in range and s is
 * low (EIP-2). Implementations are stateless and thread-safe and do no I/O.
 */
public interface SignatureRecovery {

    /**
     * @return the signer's address as {@code 0x} + 40 lower-case hex digits
     * @throws SiweException with {@link SiweFailure#BAD_SIGNATURE} if no public key can be recovered
     */
    String recoverAddress(String message, byte[] signature65);
}
