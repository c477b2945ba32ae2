package ore.auth.domain;

import java.time.Duration;
import ore.core.error.DomainException;
import ore.core.error.ErrorCategory;

/**
 * Every error auth-service answers with, by stable code. Messages are for client developers and
 * never say whether an account exists.
 */
public final class AuthErrors {

    private AuthErrors() {
    }

    public static DomainException invalidCredentials() {
        return new DomainException(ErrorCategory.UNAUTHENTICATED, "auth.invalid_credentials",
                "E-mail or password is wrong.");
    }

    public static DomainException loginLocked(Duration retryAfter) {
        return new DomainException(ErrorCategory.RATE_LIMITED, "auth.login_locked",
                "Too many failed attempts for this e-mail; wait before trying again.", retryAfter);
    }

    public static DomainException invalidEmail(String why) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "auth.invalid_email", why);
    }

    public static DomainException weakPassword(String why) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "auth.weak_password", why);
    }

    public static DomainException invalidDeviceId(String why) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "auth.invalid_device_id", why);
    }

    public static DomainException invalidRefreshToken() {
        return new DomainException(ErrorCategory.UNAUTHENTICATED, "auth.invalid_refresh_token",
                "The refresh token is unknown, expired or revoked; sign in again.");
    }

    public static DomainException refreshTokenReused() {
        return new DomainException(ErrorCategory.UNAUTHENTICATED, "auth.refresh_token_reused",
                "This refresh token was already used; the session has been revoked for safety. Sign in again.");
    }

    public static DomainException sessionEnded() {
        return new DomainException(ErrorCategory.UNAUTHENTICATED, "auth.session_ended",
                "The session of this access token has ended (signed out, revoked or expired); sign in again.");
    }

    public static DomainException freshProofRequired() {
        return new DomainException(ErrorCategory.FORBIDDEN, "auth.fresh_proof_required",
                "Changing the wallet needs a recent sign-in or this session's current refresh token: send "
                        + "{\"refreshToken\": \"ort_...\"} in the body, or sign in again.");
    }

    public static DomainException deviceProofRequired() {
        return new DomainException(ErrorCategory.FORBIDDEN, "auth.device_proof_required",
                "Upgrading a guest needs the device id it signs in with (deviceId in the body).");
    }

    public static DomainException invalidCode() {
        return new DomainException(ErrorCategory.INVALID_INPUT, "auth.invalid_code",
                "The confirmation code is unknown, used or expired; request a new one.");
    }

    public static DomainException accountGone() {
        return new DomainException(ErrorCategory.UNAUTHENTICATED, "auth.account_unavailable",
                "The account no longer exists or is being deleted.");
    }

    public static DomainException notAGuest() {
        return new DomainException(ErrorCategory.CONFLICT, "auth.not_a_guest",
                "Only guest accounts can be upgraded; this account already has an e-mail.");
    }

    public static DomainException emailUnavailable() {
        return new DomainException(ErrorCategory.CONFLICT, "auth.email_unavailable",
                "This e-mail cannot be used for this account.");
    }

    public static DomainException walletAlreadyLinked() {
        return new DomainException(ErrorCategory.CONFLICT, "auth.wallet_already_linked",
                "This account already has a wallet; unlink it first.");
    }

    public static DomainException walletInUse() {
        return new DomainException(ErrorCategory.CONFLICT, "auth.wallet_in_use",
                "This wallet is linked to another account.");
    }

    public static DomainException noWallet() {
        return new DomainException(ErrorCategory.NOT_FOUND, "auth.no_wallet", "No wallet is linked to this account.");
    }

    public static DomainException nonceUnknown() {
        return new DomainException(ErrorCategory.INVALID_INPUT, "auth.siwe.nonce_mismatch",
                "The nonce is unknown, expired, already used or was issued to another account; request a new one.");
    }

    public static DomainException siwe(String failure, String message) {
        return new DomainException(ErrorCategory.INVALID_INPUT, "auth.siwe." + failure, message);
    }

    public static DomainException invalidClient() {
        return new DomainException(ErrorCategory.UNAUTHENTICATED, "auth.invalid_client",
                "Client authentication failed.");
    }

    public static DomainException audienceNotAllowed(String audience) {
        return new DomainException(ErrorCategory.FORBIDDEN, "auth.audience_not_allowed",
                "This client may not request tokens for audience '" + audience + "'.");
    }

    public static DomainException unsupportedGrant() {
        return new DomainException(ErrorCategory.INVALID_INPUT, "auth.unsupported_grant_type",
                "Only grant_type=client_credentials is supported.");
    }

    public static DomainException busy() {
        return new DomainException(ErrorCategory.UNAVAILABLE, "auth.busy",
                "Too many sign-ins are being processed; retry shortly.", Duration.ofSeconds(1));
    }
}
