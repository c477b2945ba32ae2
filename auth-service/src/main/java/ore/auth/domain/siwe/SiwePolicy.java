package ore.auth.domain.siwe;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What this service accepts in a Sign-In with Ethereum message.
 *
 * @param scheme          scheme of the web origin users sign in from, e.g. {@code https}; a message
 *                        without a scheme counts as {@code https} (EIP-4361). Stored in lower case.
 * @param domain          host and optional port of that origin, e.g. {@code ore.example} or
 *                        {@code localhost:5173}; compared ignoring case, with no default-port
 *                        equivalence ({@code ore.example:443} is a different domain)
 * @param uriPrefix       the message's {@code URI} must equal this or continue it after a {@code /},
 *                        {@code ?} or {@code #}, so {@code https://ore.example} accepts
 *                        {@code https://ore.example/login} but not {@code https://ore.example.evil.io}
 * @param allowedChainIds EIP-155 chain ids a session may be bound to; not empty
 * @param maxClockSkew    how far in the future {@code Issued At} and {@code Not Before} may lie, to
 *                        absorb client clocks running fast; never applied to {@code Expiration Time}
 * @param maxMessageAge   how old {@code Issued At} may be; bounds the window for replaying a message
 *                        whose nonce has not been consumed yet
 */
public record SiwePolicy(
        String scheme,
        String domain,
        String uriPrefix,
        Set<Long> allowedChainIds,
        Duration maxClockSkew,
        Duration maxMessageAge) {

    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_MESSAGE_AGE = Duration.ofMinutes(10);

    public SiwePolicy {
        require(scheme != null && Rfc3986.isScheme(scheme), "scheme must be an RFC 3986 scheme");
        scheme = scheme.toLowerCase(Locale.ROOT);
        require(domain != null && Rfc3986.isHostAndPort(domain), "domain must be host[:port]");
        require(uriPrefix != null && Rfc3986.isUri(uriPrefix), "uriPrefix must be an absolute URI");
        allowedChainIds = Set.copyOf(Objects.requireNonNull(allowedChainIds, "allowedChainIds"));
        require(!allowedChainIds.isEmpty(), "allowedChainIds must not be empty");
        require(maxClockSkew != null && !maxClockSkew.isNegative(), "maxClockSkew must not be negative");
        require(maxMessageAge != null && maxMessageAge.isPositive(), "maxMessageAge must be positive");
    }

    /**
     * A policy for one web origin such as {@code https://ore.example} or {@code http://localhost:5173}:
     * scheme and domain are taken from it, the URI must lie under it, and the clock limits are the
     * defaults (60 s skew, 10 min age).
     *
     * @throws IllegalArgumentException if {@code origin} is not {@code scheme://host[:port]}
     */
    public static SiwePolicy forOrigin(String origin, Set<Long> allowedChainIds) {
        int separator = origin == null ? -1 : origin.indexOf("://");
        require(separator > 0, "origin must look like https://host[:port]");
        // Lower-cased here because the URI prefix is compared exactly and wallets send lower-case schemes.
        String scheme = origin.substring(0, separator).toLowerCase(Locale.ROOT);
        String domain = origin.substring(separator + 3);
        return new SiwePolicy(scheme, domain, scheme + "://" + domain, allowedChainIds,
                DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MAX_MESSAGE_AGE);
    }

    /** True if the message's scheme (absent meaning https) and domain match this policy. */
    boolean acceptsOrigin(SiweMessage message) {
        return message.scheme().orElse("https").equalsIgnoreCase(scheme) && message.domain().equalsIgnoreCase(domain);
    }

    /** True if {@code uri} equals {@link #uriPrefix} or extends it at a path, query or fragment boundary. */
    boolean acceptsUri(String uri) {
        if (!uri.startsWith(uriPrefix)) {
            return false;
        }
        if (uri.length() == uriPrefix.length() || uriPrefix.endsWith("/")) {
            return true;
        }
        char boundary = uri.charAt(uriPrefix.length());
        return boundary == '/' || boundary == '?' || boundary == '#';
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
