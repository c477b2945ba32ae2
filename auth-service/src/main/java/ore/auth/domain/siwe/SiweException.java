package ore.auth.domain.siwe;

import java.util.Objects;

/**
 * A Sign-In with Ethereum message or signature was refused.
 *
 * <p>{@link #failure()} is the stable reason to branch on; {@link #getMessage()} names the offending
 * field in words meant for the client developer. Messages never echo field values back, because the
 * text is attacker-controlled and the message may end up in logs and HTTP responses.
 */
public final class SiweException extends RuntimeException {

    private final SiweFailure failure;

    public SiweException(SiweFailure failure, String message) {
        // No stack trace capture: refusals are expected, frequent on a public endpoint, and the
        // reason plus message say everything a caller can act on.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The stable reason for the refusal. */
    public SiweFailure failure() {
        return failure;
    }

    static SiweException malformed(String message) {
        return new SiweException(SiweFailure.MALFORMED_MESSAGE, message);
    }
}
