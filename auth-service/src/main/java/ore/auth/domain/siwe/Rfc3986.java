package ore.auth.domain.siwe;

import java.net.InetAddress;

/**
 * Syntax checks from RFC 3986 (URI generic syntax) that EIP-4361 builds on.
 *
 * <p>Hand-written scanners rather than regular expressions: the inputs are attacker-controlled, and
 * repeated alternations such as {@code (pchar|pct-encoded)*} recurse once per character in
 * {@code java.util.regex}, which a long enough input turns into a stack overflow.
 * {@link java.net.URI} is not used either: it implements the older RFC 2396 and accepts non-ASCII.
 */
final class Rfc3986 {

    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final String GEN_DELIMS = ":/?#[]@";
    /** pchar = unreserved / pct-encoded / sub-delims / ":" / "@". */
    private static final String PCHAR_EXTRA = SUB_DELIMS + ":@";

    private Rfc3986() {
    }

    /** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    static boolean isScheme(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]. */
    static boolean isUri(String s) {
        int colon = s.indexOf(':');
        if (colon < 0 || !isScheme(s.substring(0, colon))) {
            return false;
        }
        String rest = s.substring(colon + 1);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            if (!onlyChars(rest.substring(hash + 1), PCHAR_EXTRA + "/?", true)) {
                return false;
            }
            rest = rest.substring(0, hash);
        }
        int question = rest.indexOf('?');
        if (question >= 0) {
            if (!onlyChars(rest.substring(question + 1), PCHAR_EXTRA + "/?", true)) {
                return false;
            }
            rest = rest.substring(0, question);
        }
        return isHierPart(rest);
    }

    /**
     * authority = [ userinfo "@" ] host [ ":" port ], except that userinfo is refused and a port, when
     * given, must be 1 to 65535. Both restrictions keep a domain unambiguous for the people reading it
     * in a wallet ({@code service.org@evil.example} is a classic phishing shape).
     */
    static boolean isHostAndPort(String s) {
        if (s.indexOf('@') >= 0) {
            return false;
        }
        int portStart = hostEnd(s);
        if (portStart < 0) {
            return false;
        }
        String host = s.substring(0, portStart);
        if (host.isEmpty() || !isHost(host)) {
            return false;
        }
        if (portStart == s.length()) {
            return true;
        }
        String port = s.substring(portStart + 1);
        return s.charAt(portStart) == ':' && isBoundedPort(port);
    }

    /** statement = *( reserved / unreserved / " " ) as EIP-4361 defines it: no LF, no "%", ASCII only. */
    static boolean isStatementText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && GEN_DELIMS.indexOf(c) < 0 && SUB_DELIMS.indexOf(c) < 0 && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /** *pchar, as used by EIP-4361's request-id. */
    static boolean isPchars(String s) {
        return onlyChars(s, PCHAR_EXTRA, true);
    }

    private static boolean isHierPart(String s) {
        if (!s.startsWith("//")) {
            // path-absolute / path-rootless / path-empty: all are pchar and "/" ("//" was handled above).
            return onlyChars(s, PCHAR_EXTRA + "/", true);
        }
        String afterSlashes = s.substring(2);
        int pathStart = afterSlashes.indexOf('/');
        String authority = pathStart < 0 ? afterSlashes : afterSlashes.substring(0, pathStart);
        String path = pathStart < 0 ? "" : afterSlashes.substring(pathStart);
        return isAuthority(authority) && onlyChars(path, PCHAR_EXTRA + "/", true);
    }

    private static boolean isAuthority(String s) {
        int at = s.indexOf('@');
        if (at >= 0 && !onlyChars(s.substring(0, at), SUB_DELIMS + ":", true)) {
            return false;
        }
        String hostPort = s.substring(at + 1);
        int portStart = hostEnd(hostPort);
        if (portStart < 0 || !isHost(hostPort.substring(0, portStart))) {
            return false;
        }
        return portStart == hostPort.length()
                || (hostPort.charAt(portStart) == ':' && allDigits(hostPort.substring(portStart + 1)));
    }

    /** Index where the host ends (length, or the index of ":"), or -1 for an unterminated IP-literal. */
    private static int hostEnd(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? -1 : close + 1;
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort.length() : colon;
    }

    /** host = IP-literal / IPv4address / reg-name; an IPv4 address is always a valid reg-name. */
    private static boolean isHost(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]") && isIpLiteralBody(host.substring(1, host.length() - 1));
        }
        return onlyChars(host, SUB_DELIMS, true);
    }

    private static boolean isIpLiteralBody(String body) {
        if (body.startsWith("v") || body.startsWith("V")) {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            int dot = body.indexOf('.');
            return dot > 1 && allHex(body.substring(1, dot))
                    && dot + 1 < body.length() && onlyChars(body.substring(dot + 1), SUB_DELIMS + ":", false);
        }
        // Pre-check the alphabet so that no zone id or name can reach the literal parser.
        if (body.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!isHexDigit(c) && c != ':' && c != '.') {
                return false;
            }
        }
        try {
            // ofLiteral parses only literals and never resolves names.
            InetAddress.ofLiteral(body);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBoundedPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !allDigits(port)) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    /** True if every char is unreserved, in {@code extra}, or (if allowed) starts a valid %XX escape. */
    private static boolean onlyChars(String s, String extra, boolean pctEncodedAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && pctEncodedAllowed) {
                if (i + 2 >= s.length() || !isHexDigit(s.charAt(i + 1)) || !isHexDigit(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isUnreserved(c) && extra.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean allDigits(String s) {
        return s.chars().allMatch(c -> isDigit((char) c));
    }

    private static boolean allHex(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> isHexDigit((char) c));
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
