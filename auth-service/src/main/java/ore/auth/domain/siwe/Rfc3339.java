package ore.auth.domain.siwe;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * RFC 3339 {@code date-time} reading and writing, for the EIP-4361 timestamp fields.
 *
 * <p>Reading is strict about the shape ({@code YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)}) and lenient only
 * where RFC 3339 itself is: {@code t} and {@code z} may be lower case. Java's ISO parsers are not used
 * because they also accept forms RFC 3339 forbids (missing seconds, region ids, offsets with seconds).
 * Two RFC 3339 corner cases are refused: leap second {@code :60}, which {@code java.time} cannot
 * represent, and fractions longer than nanoseconds, which it cannot hold without loss.
 */
final class Rfc3339 {

    /** Always seconds, fraction only when non-zero with trailing zeros dropped, "Z" for UTC. */
    private static final DateTimeFormatter WRITER = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendPattern("-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private Rfc3339() {
    }

    /** The canonical text of {@code time}; see {@link #isWritable(OffsetDateTime)}. */
    static String format(OffsetDateTime time) {
        return WRITER.format(time);
    }

    /** True if {@code time} has a four-digit year and a whole-minute offset, so RFC 3339 can express it. */
    static boolean isWritable(OffsetDateTime time) {
        int year = time.getYear();
        return year >= 0 && year <= 9999 && time.getOffset().getTotalSeconds() % 60 == 0;
    }

    /**
     * Parses an RFC 3339 date-time.
     *
     * @param field the EIP-4361 field name, used in the error message
     * @throws SiweException {@link SiweFailure#MALFORMED_MESSAGE} if {@code text} is not a date-time
     */
    static OffsetDateTime parse(String text, String field) {
        try {
            return parseOrThrow(text);
        } catch (DateTimeException | IndexOutOfBoundsException | NumberFormatException e) {
            throw SiweException.malformed(
                    field + " must be an RFC 3339 date-time such as 2021-09-30T16:25:24Z");
        }
    }

    private static OffsetDateTime parseOrThrow(String s) {
        // Fixed positions: YYYY-MM-DDTHH:MM:SS
        expect(s, 4, '-');
        expect(s, 7, '-');
        if (s.charAt(10) != 'T' && s.charAt(10) != 't') {
            throw new DateTimeException("T");
        }
        expect(s, 13, ':');
        expect(s, 16, ':');
        int pos = 19;
        int nanos = 0;
        if (pos < s.length() && s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < s.length() && Rfc3986.isDigit(s.charAt(pos))) {
                pos++;
            }
            int digits = pos - start;
            if (digits < 1 || digits > 9) {
                throw new DateTimeException("fraction");
            }
            nanos = Integer.parseInt(s.substring(start, pos)) * (int) Math.pow(10, 9 - digits);
        }
        LocalDateTime local = LocalDateTime.of(
                digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10),
                digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19), nanos);
        return OffsetDateTime.of(local, offset(s.substring(pos)));
    }

    private static ZoneOffset offset(String s) {
        if (s.equals("Z") || s.equals("z")) {
            return ZoneOffset.UTC;
        }
        if (s.length() != 6 || (s.charAt(0) != '+' && s.charAt(0) != '-')) {
            throw new DateTimeException("offset");
        }
        expect(s, 3, ':');
        int hours = digits(s, 1, 3);
        int minutes = digits(s, 4, 6);
        if (hours > 23 || minutes > 59) {
            throw new DateTimeException("offset range");
        }
        int sign = s.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static int digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Rfc3986.isDigit(s.charAt(i))) {
                throw new DateTimeException("digit");
            }
        }
        return Integer.parseInt(s.substring(from, to));
    }

    private static void expect(String s, int index, char c) {
        if (s.charAt(index) != c) {
            throw new DateTimeException("separator");
        }
    }
}
