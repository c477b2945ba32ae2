package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class Rfc3986Test {

    @TestFactory
    Stream<DynamicTest> acceptsHostAndPort() {
        List<String> domains = List.of("example.com", "example.com:3388", "localhost:1", "localhost:65535",
                "127.0.0.1:8080", "[::1]", "[::1]:443", "[2001:db8::7]", "[v1.fe:x]", "xn--bcher-kva.example",
                "ex%41mple.com", "EXAMPLE.COM", "a_b~c.example");
        return Cases.each(domains, domain -> assertThat(Rfc3986.isHostAndPort(domain)).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> refusesOtherAuthorities() {
        List<String> domains = List.of("", ":443", "example.com:", "example.com:0", "example.com:65536",
                "example.com:123456", "example.com:80a", "user@example.com", "example.com@evil.example",
                "exa mple.com", "example.com/login", "[::1", "[::1]x", "[127.0.0.1]", "[fe80::1%25eth0]", "[::zz]",
                "bücher.example", "ex%4mple.com", "example.com:443:1");
        return Cases.each(domains, domain -> assertThat(Rfc3986.isHostAndPort(domain)).isFalse());
    }

    @TestFactory
    Stream<DynamicTest> acceptsUris() {
        List<String> uris = List.of("https://example.com", "https://example.com/",
                "https://example.com:8443/login?x=1#top",
                "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/", "urn:ore:resource:1",
                "did:pkh:eip155:1:0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "mailto:a@example.com",
                "https://user:pw@example.com/", "https://[::1]:8080/a%20b", "file:///etc/hosts", "a:", "x+y.z-w:/p");
        return Cases.each(uris, uri -> assertThat(Rfc3986.isUri(uri)).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> refusesNonUris() {
        List<String> uris = List.of("", "example.com/login", "/login", "1http://example.com",
                "https://exa mple.com", "https://example.com/a b", "https://example.com/%zz", "https://example.com/ü",
                "https://example.com:8a/", "https://[::1/", "https://example.com/\"x\"", "https://example.com/<x>",
                "https://a@b@c/");
        return Cases.each(uris, uri -> assertThat(Rfc3986.isUri(uri)).isFalse());
    }

    @TestFactory
    Stream<DynamicTest> acceptsStatementText() {
        List<String> statements = List.of("", "I accept the Terms: https://example.com/tos",
                "a!$&'()*+,;=:/?#[]@-._~ z");
        return Cases.each(statements, statement -> assertThat(Rfc3986.isStatementText(statement)).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> refusesOtherStatementText() {
        List<String> statements = List.of("line\nbreak", "100%", "\"quoted\"", "tab\there", "naïve", "<b>",
                "a{b}", "a|b", "a\\b", "a^b", "a`b");
        return Cases.each(statements, statement -> assertThat(Rfc3986.isStatementText(statement)).isFalse());
    }
}
