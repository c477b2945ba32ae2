package ore.auth.domain.session;

import java.security.SecureRandom;
import java.util.Base64;
import ore.core.crypto.Sha256;

/**
 * An opaque refresh token: {@code ort_} and 256 random bits in base64url. Only its SHA-256 is
 * stored, so a database leak yields no usable tokens; lookups go by hash.
 */
public record RefreshToken(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "ort_";

    public static RefreshToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new RefreshToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** True when the text has the shape of a token we issue (cheap check before any lookup). */
    public static boolean wellFormed(String text) {
        return text != null && text.length() == PREFIX.length() + 43 && text.startsWith(PREFIX)
                && text.substring(PREFIX.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    /** SHA-256 of the token, as 64 lower-case hex digits: the stored lookup key. */
    public String hash() {
        return hash(value);
    }

    public static String hash(String value) {
        return Sha256.hex(value);
    }

    @Override
    public String toString() {
        return "RefreshToken[***]";
    }
}
