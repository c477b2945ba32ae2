package ore.auth.domain.account;

import ore.auth.domain.AuthErrors;

/**
 * What a new password must be (NIST SP 800-63B §5.1.1.2): 8 to 128 characters, not the e-mail
 * itself; no composition rules. The upper bound caps the work a single hash costs.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    public static void check(String password, Email email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw AuthErrors.weakPassword("Password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            throw AuthErrors.weakPassword("Password must have at most " + MAX_LENGTH + " characters.");
        }
        if (email != null && password.equalsIgnoreCase(email.value())) {
            throw AuthErrors.weakPassword("Password must not be the e-mail address.");
        }
    }
}
