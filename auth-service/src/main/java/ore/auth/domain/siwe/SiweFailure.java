package ore.auth.domain.siwe;

/**
 * Why a Sign-In with Ethereum message was refused.
 *
 * <p>The constant names are a stable, public contract: edges map them to error codes that client
 * developers match on, so a constant is never renamed or reused for a different meaning. The
 * human-readable detail lives in {@link SiweException#getMessage()}, which may change freely.
 */
public enum SiweFailure {
    /** The text does not follow the EIP-4361 ABNF, a field has the wrong syntax, or a limit is exceeded. */
    MALFORMED_MESSAGE,
    /** The address is not {@code 0x} + 40 hex digits in EIP-55 mixed-case checksum form. */
    INVALID_ADDRESS,
    /** The scheme or domain the wallet signed for is not the one this service expects. */
    WRONG_DOMAIN,
    /** The {@code URI} field is outside the URIs this service accepts. */
    WRONG_URI,
    /** The {@code Version} field is not {@code 1}. */
    UNSUPPORTED_VERSION,
    /** The {@code Chain ID} is not one this service accepts. */
    WRONG_CHAIN,
    /** The {@code Nonce} is not the one this service issued for the sign-in attempt. */
    NONCE_MISMATCH,
    /** The {@code Expiration Time} has passed. */
    EXPIRED,
    /** The {@code Not Before} time has not been reached yet. */
    NOT_YET_VALID,
    /** The {@code Issued At} time lies in the future, beyond the allowed clock skew. */
    ISSUED_IN_FUTURE,
    /** The {@code Issued At} time is older than the service's maximum message age. */
    TOO_OLD,
    /** The signature is malformed, non-canonical (high s), or was not made by the message's address. */
    BAD_SIGNATURE
}
