package ore.auth.domain.account;

import java.util.Locale;
import java.util.regex.Pattern;
import ore.auth.domain.AuthErrors;

/**
 * An e-mail address as auth-service keys accounts by it: trimmed and lower-cased (so
 * {@code Alice@Example.com} and {@code alice@example.com} are one account), at most 254 characters
 * (RFC 5321), with a single {@code @} and a dotted domain. Deliverability is not checked here.
 */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public Email {
        if (value == null || value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw AuthErrors.invalidEmail("Expected an e-mail address like name@example.com (at most 254 characters).");
        }
    }

    public static Email parse(String raw) {
        return new Email(raw == null ? null : raw.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
