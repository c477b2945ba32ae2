package ore.auth.domain.siwe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads EIP-4361 message text into a {@link SiweMessage}, following the EIP's ABNF strictly.
 *
 * <p>Decisions beyond the ABNF, all in the direction of refusing:
 * <ul>
 *   <li>Line breaks must be LF. A CR anywhere is refused rather than normalised, because the wallet
 *       signed the exact bytes; accepting CRLF would mean verifying text other than what was parsed.</li>
 *   <li>No trailing line break after the last field.</li>
 *   <li>An empty statement line (four LFs after the address) is refused: it is ABNF-valid but no
 *       wallet or library produces it, and it is too easily confused with "no statement".</li>
 *   <li>The address prefix must be lower-case {@code 0x}, because EIP-55 is defined on it.</li>
 *   <li>The message may be at most {@link #MAX_MESSAGE_CHARS} characters; the record limits the
 *       number of resources to {@link SiweMessage#MAX_RESOURCES}.</li>
 * </ul>
 */
public final class SiweMessageParser {

    /** Longest message accepted, so that hostile input cannot make parsing or hashing expensive. */
    public static final int MAX_MESSAGE_CHARS = 4096;

    private static final String URI_TAG = "URI: ";
    private static final String VERSION_TAG = "Version: ";
    private static final String CHAIN_ID_TAG = "Chain ID: ";
    private static final String NONCE_TAG = "Nonce: ";
    private static final String ISSUED_AT_TAG = "Issued At: ";
    private static final String EXPIRATION_TIME_TAG = "Expiration Time: ";
    private static final String NOT_BEFORE_TAG = "Not Before: ";
    private static final String REQUEST_ID_TAG = "Request ID: ";
    private static final String RESOURCES_LINE = "Resources:";
    private static final String RESOURCE_ITEM = "- ";
    private static final List<String> ALL_TAGS = List.of(URI_TAG, VERSION_TAG, CHAIN_ID_TAG, NONCE_TAG,
            ISSUED_AT_TAG, EXPIRATION_TIME_TAG, NOT_BEFORE_TAG, REQUEST_ID_TAG, RESOURCES_LINE);

    private final String[] lines;
    private int next;

    private SiweMessageParser(String[] lines) {
        this.lines = lines;
    }

    /**
     * Parses and validates message text.
     *
     * @throws SiweException with {@link SiweFailure#MALFORMED_MESSAGE}, {@link SiweFailure#INVALID_ADDRESS}
     *                       or {@link SiweFailure#UNSUPPORTED_VERSION}, the message naming the field or line
     */
    public static SiweMessage parse(String text) {
        if (text == null || text.isEmpty()) {
            throw SiweException.malformed("message is empty");
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw SiweException.malformed("message is longer than " + MAX_MESSAGE_CHARS + " characters");
        }
        if (text.indexOf('\r') >= 0) {
            throw SiweException.malformed("line breaks must be LF (\\n); CR and CRLF are not accepted");
        }
        // Limit -1 keeps trailing empty strings, so a trailing LF shows up as an extra line.
        return new SiweMessageParser(text.split("\n", -1)).message();
    }

    private SiweMessage message() {
        String header = line("the header line");
        if (!header.endsWith(SiweMessage.HEADER_SUFFIX)) {
            throw SiweException.malformed(
                    "line 1 must be '<domain> wants you to sign in with your Ethereum account:'");
        }
        String origin = header.substring(0, header.length() - SiweMessage.HEADER_SUFFIX.length());
        int schemeEnd = origin.indexOf("://");
        Optional<String> scheme = schemeEnd < 0 ? Optional.empty() : Optional.of(origin.substring(0, schemeEnd));
        String domain = schemeEnd < 0 ? origin : origin.substring(schemeEnd + 3);
        // Field errors are reported in text order, so a bad header is not masked by a later line.
        SiweMessage.checkOrigin(scheme, domain);

        String address = line("the address line");
        SiweMessage.checkAddress(address);
        blank("after the address");
        Optional<String> statement = statement();

        String uri = tagged(URI_TAG);
        String version = tagged(VERSION_TAG);
        long chainId = chainId(tagged(CHAIN_ID_TAG));
        String nonce = tagged(NONCE_TAG);
        var issuedAt = Rfc3339.parse(tagged(ISSUED_AT_TAG), "Issued At");
        var expirationTime = optionalTagged(EXPIRATION_TIME_TAG).map(t -> Rfc3339.parse(t, "Expiration Time"));
        var notBefore = optionalTagged(NOT_BEFORE_TAG).map(t -> Rfc3339.parse(t, "Not Before"));
        Optional<String> requestId = optionalTagged(REQUEST_ID_TAG);
        List<String> resources = resources();
        requireEnd();

        return new SiweMessage(scheme, domain, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, resources);
    }

    /** [ statement LF ] LF — with no statement there are two blank lines before "URI: ". */
    private Optional<String> statement() {
        String candidate = line("the statement or blank line");
        if (candidate.isEmpty()) {
            if (next < lines.length && lines[next].isEmpty()) {
                throw SiweException.malformed("line " + next + ": an empty statement line is not accepted;"
                        + " omit the statement instead");
            }
            return Optional.empty();
        }
        if (next >= lines.length || !lines[next].isEmpty()) {
            if (candidate.startsWith(URI_TAG)) {
                throw SiweException.malformed("line " + next + ": without a statement, EIP-4361 requires two"
                        + " blank lines between the address and 'URI: '");
            }
            throw SiweException.malformed("line " + (next + 1) + ": a blank line must follow the statement");
        }
        next++;
        return Optional.of(candidate);
    }

    private static long chainId(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Rfc3986.isDigit((char) c))) {
            throw SiweException.malformed("Chain ID must be decimal digits");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw SiweException.malformed("Chain ID is too large");
        }
    }

    private List<String> resources() {
        if (next >= lines.length || !lines[next].equals(RESOURCES_LINE)) {
            return List.of();
        }
        next++;
        List<String> resources = new ArrayList<>();
        while (next < lines.length && lines[next].startsWith(RESOURCE_ITEM)) {
            if (resources.size() == SiweMessage.MAX_RESOURCES) {
                throw SiweException.malformed("Resources must list at most " + SiweMessage.MAX_RESOURCES + " URIs");
            }
            resources.add(lines[next].substring(RESOURCE_ITEM.length()));
            next++;
        }
        return resources;
    }

    private void requireEnd() {
        if (next == lines.length) {
            return;
        }
        int lineNumber = next + 1;
        String rest = lines[next];
        if (rest.isEmpty() && next == lines.length - 1) {
            throw SiweException.malformed("the message must not end with a line break");
        }
        for (String tag : ALL_TAGS) {
            if (rest.startsWith(tag)) {
                throw SiweException.malformed("line " + lineNumber + ": '" + tag.strip()
                        + "' is out of order or repeated; EIP-4361 fixes the field order");
            }
        }
        throw SiweException.malformed("line " + lineNumber + ": not a field EIP-4361 allows here; after 'Issued At'"
                + " only 'Expiration Time', 'Not Before', 'Request ID' and 'Resources' may follow, in that order");
    }

    private String tagged(String tag) {
        if (next >= lines.length) {
            throw SiweException.malformed("the '" + tag.strip() + "' line is missing");
        }
        if (!lines[next].startsWith(tag)) {
            throw SiweException.malformed("line " + (next + 1) + ": expected '" + tag.strip() + "'");
        }
        return lines[next++].substring(tag.length());
    }

    private Optional<String> optionalTagged(String tag) {
        return next < lines.length && lines[next].startsWith(tag) ? Optional.of(tagged(tag)) : Optional.empty();
    }

    private String line(String what) {
        if (next >= lines.length) {
            throw SiweException.malformed("message ends before " + what);
        }
        return lines[next++];
    }

    private void blank(String where) {
        if (!line("the blank line " + where).isEmpty()) {
            throw SiweException.malformed("line " + next + ": expected a blank line " + where);
        }
    }
}
