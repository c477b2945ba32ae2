package ore.auth.domain.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

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
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "RefreshToken[***]";
    }
}
