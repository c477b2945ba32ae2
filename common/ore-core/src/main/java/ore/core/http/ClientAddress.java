package ore.core.http;

import io.micronaut.http.HttpRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The client's IP address as seen through {@code trustedProxies} reverse proxies, and the group
 * that per-IP limits count it in.
 *
 * <p>Each proxy appends the address it received the request from to {@code X-Forwarded-For}, so the
 * entry {@code trustedProxies} places from the right is the last one a trusted hop wrote; anything to
 * its left came from the client and is not believed. Behind the ALB the count is 1 (the default of
 * {@code ore.rate-limit.trusted-proxies}); where clients reach the service directly it must be 0, or
 * a client could choose its own address by sending the header.
 *
 * <p>Groups: an IPv4 address is its own group; IPv6 addresses are grouped by /64, the smallest block
 * a provider hands one subscriber, so one phone cannot rotate through 2^64 addresses to escape a limit.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request, int trustedProxies) {
        if (trustedProxies > 0) {
            List<String> hops = request.getHeaders().getAll("X-Forwarded-For").stream()
                    .flatMap(h -> Arrays.stream(h.split(",")))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            if (hops.size() >= trustedProxies) {
                return hops.get(hops.size() - trustedProxies);
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }

    /** The limit group of the client: {@link #group(String)} of {@link #of}. */
    public static String groupOf(HttpRequest<?> request, int trustedProxies) {
        return group(of(request, trustedProxies));
    }

    /**
     * IPv4 addresses unchanged, IPv6 addresses as their /64 ({@code 2001:db8:1:2::/64}); anything that
     * is not an IP literal (a proxy wrote garbage) unchanged, so it still gets a budget of its own.
     */
    public static String group(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            var sb = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                sb.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return sb.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
