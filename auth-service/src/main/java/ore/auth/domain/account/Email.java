package ore.auth.domain.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import ore.auth.domain.AuthErrors;

/**
 * An e-mail address as auth-service keys accounts by it: trimmed, NFC-normalised (so a composed and a
 * decomposed "é" are one address) and lower-cased (so {@code Alice@Example.com} and
 * {@code alice@example.com} are one account), at most 254 characters (RFC 5321), with a single
 * {@code @} and a dotted domain.
 *
 * <p>Printable characters only: control characters (NUL among them, which PostgreSQL refuses),
 * invisible format characters (bidirectional marks such as U+200F, zero-width joiners), spaces and
 * line separators, private-use and unassigned code points are rejected, so two addresses that
 * look the same are the same string. The domain must be plain ASCII letters, digits and hyphens
 * (internationalised domains in their {@code xn--} form), which rules out look-alike domains spelled
 * with Cyrillic or Greek letters. Deliverability is not checked here.
 */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    public Email {
        if (value == null || value.length() > 254 || !value.codePoints().allMatch(Email::printable)
                || !SHAPE.matcher(value).matches()) {
            throw AuthErrors.invalidEmail("Expected an e-mail address like name@example.com: at most 254 printable "
                    + "characters, no spaces or invisible characters, and an ASCII domain (IDN as xn--).");
        }
    }

    public static Email parse(String raw) {
        if (raw == null) {
            return new Email(null);
        }
        return new Email(Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT));
    }

    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
