package ore.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static HttpRequest<?> fromAlb(String forwardedFor) {
        HttpRequest<Object> request = HttpRequest.GET("/x").header("X-Forwarded-For", forwardedFor);
        return new io.micronaut.http.HttpRequestWrapper<Object>(request) {
            @Override
            public InetSocketAddress getRemoteAddress() {
                return new InetSocketAddress("10.0.3.7", 43210);
            }
        };
    }

    @Test
    void behindOneProxyTheLastHopWrittenByItIsTheClient() {
        assertThat(ClientAddress.of(fromAlb("6.6.6.6, 203.0.113.9"), 1)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of(fromAlb("203.0.113.9"), 0)).isEqualTo("10.0.3.7");
    }

    @Test
    void ipv6AddressesAreGroupedBySlash64() {
        assertThat(ClientAddress.group("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.group("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.group("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddress.group("[2001:DB8:1:2::9]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.group("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    }

    @Test
    void ipv4AndGarbageStayAsTheyAre() {
        assertThat(ClientAddress.group("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.group("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.group("evil:host.example")).isEqualTo("evil:host.example");
    }

    @Test
    void theDefaultTrustsOneProxyAsBehindTheAlb() {
        var defaults = io.micronaut.context.ApplicationContext.run(java.util.Map.of("ore.rate-limit.enabled", "false"));
        try (defaults) {
            assertThat(defaults.getBean(ore.core.ratelimit.RateLimitSettings.class).trustedProxies()).isEqualTo(1);
        }
    }
}
