package ore.auth.domain.siwe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies a signed Sign-In with Ethereum message for externally owned accounts (EIP-191
 * {@code personal_sign}); contract-account signatures (EIP-1271) are not supported.
 *
 * <p>Checks, in this order, each failing with its own {@link SiweFailure}: the text against the
 * EIP-4361 ABNF; scheme and domain; URI; chain id; nonce; issued-at, expiry and not-before against
 * {@code now}; and last the signature, because recovery is the only expensive step. Nonce
 * <em>consumption</em> is the caller's job: this class only compares.
 *
 * <p>Stateless and thread-safe.
 */
public final class SiweVerifier {

    private final SiwePolicy policy;
    private final SignatureRecovery recovery;

    public SiweVerifier(SiwePolicy policy, SignatureRecovery recovery) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
    }

    /**
     * @param message       the exact text the wallet signed
     * @param signatureHex  65-byte {@code r||s||v} signature in hex, with or without {@code 0x}
     * @param expectedNonce the nonce this service issued for the attempt
     * @param now           the current time
     * @return the proven wallet
     * @throws SiweException describing the first check that failed
     */
    public VerifiedWallet verify(String message, String signatureHex, String expectedNonce, Instant now) {
        Objects.requireNonNull(expectedNonce, "expectedNonce");
        Objects.requireNonNull(now, "now");
        SiweMessage parsed = SiweMessageParser.parse(message);
        checkBindings(parsed, expectedNonce);
        checkTimes(parsed, now);
        checkSignature(message, parsed.address(), signatureHex);
        return new VerifiedWallet(parsed.address(), parsed.chainId(), parsed.nonce());
    }

    private void checkBindings(SiweMessage parsed, String expectedNonce) {
        if (!policy.acceptsOrigin(parsed)) {
            throw new SiweException(SiweFailure.WRONG_DOMAIN,
                    "scheme and domain must be " + policy.scheme() + "://" + policy.domain());
        }
        if (!policy.acceptsUri(parsed.uri())) {
            throw new SiweException(SiweFailure.WRONG_URI, "URI must start with " + policy.uriPrefix());
        }
        if (!policy.allowedChainIds().contains(parsed.chainId())) {
            throw new SiweException(SiweFailure.WRONG_CHAIN, "Chain ID is not one this service accepts");
        }
        // Constant-time, so response timing does not reveal how much of a guessed nonce was right.
        if (!MessageDigest.isEqual(parsed.nonce().getBytes(StandardCharsets.US_ASCII),
                expectedNonce.getBytes(StandardCharsets.US_ASCII))) {
            throw new SiweException(SiweFailure.NONCE_MISMATCH, "Nonce is not the one issued for this sign-in");
        }
    }

    private void checkTimes(SiweMessage parsed, Instant now) {
        Instant latestAllowed = now.plus(policy.maxClockSkew());
        Instant issuedAt = parsed.issuedAt().toInstant();
        if (issuedAt.isAfter(latestAllowed)) {
            throw new SiweException(SiweFailure.ISSUED_IN_FUTURE, "Issued At lies in the future; check the client clock");
        }
        if (issuedAt.isBefore(now.minus(policy.maxMessageAge()))) {
            throw new SiweException(SiweFailure.TOO_OLD,
                    "Issued At is older than " + policy.maxMessageAge().toSeconds() + " seconds; request a new nonce");
        }
        parsed.expirationTime().ifPresent(expiry -> {
            if (!now.isBefore(expiry.toInstant())) {
                throw new SiweException(SiweFailure.EXPIRED, "Expiration Time has passed");
            }
        });
        parsed.notBefore().ifPresent(notBefore -> {
            if (notBefore.toInstant().isAfter(latestAllowed)) {
                throw new SiweException(SiweFailure.NOT_YET_VALID, "Not Before has not been reached yet");
            }
        });
    }

    private void checkSignature(String message, String address, String signatureHex) {
        EthSignature signature = EthSignature.fromHex(signatureHex);
        String recovered = recovery.recoverAddress(message, signature.bytes());
        if (!address.equalsIgnoreCase(recovered)) {
            throw new SiweException(SiweFailure.BAD_SIGNATURE, "signature was not made by the message's address");
        }
    }
}
