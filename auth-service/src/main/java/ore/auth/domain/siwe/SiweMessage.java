package ore.auth.domain.siwe;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sign-In with Ethereum message (EIP-4361), one component per field of the specification.
 *
 * <p>Instances are always valid: the constructor checks every field against the EIP's ABNF and throws
 * {@link SiweException} naming the field otherwise. So {@link #toText()} always yields text that
 * {@link SiweMessageParser#parse(String)} accepts and turns back into an equal record, as long as the
 * text stays within the parser's size limit.
 *
 * @param scheme         URI scheme of the requesting origin; absent means {@code https} (EIP-4361)
 * @param domain         RFC 3986 authority of the requesting origin: host and optional port, no userinfo
 * @param address        the signing account, {@code 0x} + 40 hex digits in EIP-55 checksum case
 * @param statement      human-readable assertion; non-empty, RFC 3986 reserved/unreserved chars and space
 * @param uri            RFC 3986 URI of the resource that is the subject of the signing
 * @param version        always {@code "1"}
 * @param chainId        EIP-155 chain id the session is bound to, not negative
 * @param nonce          at least 8 ASCII letters and digits
 * @param issuedAt       when the message was made
 * @param expirationTime when the signed message stops being valid
 * @param notBefore      when the signed message starts being valid
 * @param requestId      system-specific request id, RFC 3986 {@code *pchar}; may be empty
 * @param resources      RFC 3986 URIs the user wants resolved as part of sign-in; at most
 *                       {@link #MAX_RESOURCES}, kept in order
 */
public record SiweMessage(
        Optional<String> scheme,
        String domain,
        String address,
        Optional<String> statement,
        String uri,
        String version,
        long chainId,
        String nonce,
        OffsetDateTime issuedAt,
        Optional<OffsetDateTime> expirationTime,
        Optional<OffsetDateTime> notBefore,
        Optional<String> requestId,
        List<String> resources) {

    /** The only version EIP-4361 defines. */
    public static final String VERSION = "1";
    /** Upper bound on {@link #resources()}; a login message has no business carrying more. */
    public static final int MAX_RESOURCES = 32;
    /** Shortest nonce EIP-4361 allows. */
    public static final int MIN_NONCE_LENGTH = 8;

    static final String HEADER_SUFFIX = " wants you to sign in with your Ethereum account:";

    public SiweMessage {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(expirationTime, "expirationTime");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(requestId, "requestId");
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));

        checkOrigin(scheme, domain);
        checkAddress(address);
        statement.ifPresent(s -> require(!s.isEmpty() && Rfc3986.isStatementText(s),
                "statement must be non-empty and use only RFC 3986 reserved/unreserved characters and"
                        + " spaces (no line breaks, quotes, '%' or non-ASCII)"));
        require(uri != null && Rfc3986.isUri(uri), "URI must be an absolute RFC 3986 URI");
        if (!VERSION.equals(version)) {
            throw new SiweException(SiweFailure.UNSUPPORTED_VERSION, "Version must be 1");
        }
        require(chainId >= 0, "Chain ID must not be negative");
        require(nonce != null && nonce.length() >= MIN_NONCE_LENGTH && isAlphanumeric(nonce),
                "Nonce must be at least 8 ASCII letters and digits");
        checkTime(Objects.requireNonNull(issuedAt, "issuedAt"), "Issued At");
        expirationTime.ifPresent(t -> checkTime(t, "Expiration Time"));
        notBefore.ifPresent(t -> checkTime(t, "Not Before"));
        requestId.ifPresent(r -> require(Rfc3986.isPchars(r), "Request ID must be RFC 3986 pchars"));
        require(resources.size() <= MAX_RESOURCES, "Resources must list at most " + MAX_RESOURCES + " URIs");
        for (int i = 0; i < resources.size(); i++) {
            require(Rfc3986.isUri(resources.get(i)),
                    "Resources item " + (i + 1) + " must be an absolute RFC 3986 URI");
        }
    }

    /**
     * Starts a message with the required fields; {@code version} is set to {@code 1}.
     * The record is validated when {@link Builder#build()} is called.
     */
    public static Builder builder(String domain, String address, String uri, long chainId, String nonce,
                                  OffsetDateTime issuedAt) {
        return new Builder(domain, address, uri, chainId, nonce, issuedAt);
    }

    /**
     * The canonical EIP-4361 text of this message: LF line breaks, no trailing line break, two blank
     * lines between address and {@code URI:} when there is no statement (as the ABNF requires),
     * timestamps with their own offset ({@code Z} for UTC), seconds always present and no trailing
     * fraction zeros.
     * This is the exact text a wallet must sign.
     */
    public String toText() {
        StringBuilder text = new StringBuilder(512);
        scheme.ifPresent(s -> text.append(s).append("://"));
        text.append(domain).append(HEADER_SUFFIX).append('\n')
                .append(address).append('\n')
                .append('\n');
        statement.ifPresent(s -> text.append(s).append('\n'));
        text.append('\n')
                .append("URI: ").append(uri).append('\n')
                .append("Version: ").append(version).append('\n')
                .append("Chain ID: ").append(chainId).append('\n')
                .append("Nonce: ").append(nonce).append('\n')
                .append("Issued At: ").append(Rfc3339.format(issuedAt));
        expirationTime.ifPresent(t -> text.append("\nExpiration Time: ").append(Rfc3339.format(t)));
        notBefore.ifPresent(t -> text.append("\nNot Before: ").append(Rfc3339.format(t)));
        requestId.ifPresent(r -> text.append("\nRequest ID: ").append(r));
        if (!resources.isEmpty()) {
            text.append("\nResources:");
            resources.forEach(r -> text.append("\n- ").append(r));
        }
        return text.toString();
    }

    /** Checks the header fields; package-private so the parser can report them before later lines. */
    static void checkOrigin(Optional<String> scheme, String domain) {
        scheme.ifPresent(s -> require(Rfc3986.isScheme(s), "scheme must be an RFC 3986 scheme such as https"));
        require(domain != null && Rfc3986.isHostAndPort(domain),
                "domain must be an RFC 3986 host with an optional port (1-65535) and no userinfo");
    }

    /** Checks the address; package-private so the parser can report it before later lines. */
    static void checkAddress(String address) {
        if (!Eip55.isHexAddress(address)) {
            throw new SiweException(SiweFailure.INVALID_ADDRESS, "address must be 0x followed by 40 hex digits");
        }
        if (!Eip55.isChecksummed(address)) {
            throw new SiweException(SiweFailure.INVALID_ADDRESS,
                    "address must be in EIP-55 checksum case (mixed case); lower- or upper-case only is refused");
        }
    }

    private static void checkTime(OffsetDateTime time, String field) {
        require(Rfc3339.isWritable(time), field + " must have a four-digit year and a whole-minute UTC offset");
    }

    private static boolean isAlphanumeric(String s) {
        return s.chars().allMatch(c -> Rfc3986.isAlpha((char) c) || Rfc3986.isDigit((char) c));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw SiweException.malformed(message);
        }
    }

    /** Fluent construction for the optional fields; see {@link SiweMessage#builder}. */
    public static final class Builder {
        private final String domain;
        private final String address;
        private final String uri;
        private final long chainId;
        private final String nonce;
        private final OffsetDateTime issuedAt;
        private String scheme;
        private String statement;
        private OffsetDateTime expirationTime;
        private OffsetDateTime notBefore;
        private String requestId;
        private List<String> resources = List.of();

        private Builder(String domain, String address, String uri, long chainId, String nonce,
                        OffsetDateTime issuedAt) {
            this.domain = domain;
            this.address = address;
            this.uri = uri;
            this.chainId = chainId;
            this.nonce = nonce;
            this.issuedAt = issuedAt;
        }

        public Builder scheme(String scheme) {
            this.scheme = scheme;
            return this;
        }

        public Builder statement(String statement) {
            this.statement = statement;
            return this;
        }

        public Builder expirationTime(OffsetDateTime expirationTime) {
            this.expirationTime = expirationTime;
            return this;
        }

        public Builder notBefore(OffsetDateTime notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder resources(List<String> resources) {
            this.resources = resources;
            return this;
        }

        /** @throws SiweException if any field is invalid */
        public SiweMessage build() {
            return new SiweMessage(Optional.ofNullable(scheme), domain, address, Optional.ofNullable(statement),
                    uri, VERSION, chainId, nonce, issuedAt, Optional.ofNullable(expirationTime),
                    Optional.ofNullable(notBefore), Optional.ofNullable(requestId), resources);
        }
    }
}
