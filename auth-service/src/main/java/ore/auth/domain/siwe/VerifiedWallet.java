package ore.auth.domain.siwe;

import java.util.Objects;

/**
 * The outcome of a successful sign-in: this address proved control of its key for this chain and
 * this nonce. The session is bound to {@code address} (EIP-4361: sessions bind to the address, not to
 * anything resolved from it).
 *
 * @param address EIP-55 checksummed address
 * @param chainId EIP-155 chain id from the signed message
 * @param nonce   the nonce that was consumed; the caller must never accept it again
 */
public record VerifiedWallet(String address, long chainId, String nonce) {

    public VerifiedWallet {
        if (!Eip55.isChecksummed(address)) {
            throw new IllegalArgumentException("address must be EIP-55 checksummed");
        }
        Objects.requireNonNull(nonce, "nonce");
    }
}
