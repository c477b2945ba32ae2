package ore.auth.domain.siwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SiwePolicyTest {

    private static final SiwePolicy POLICY = SiwePolicy.forOrigin("HTTPS://ore.example", Set.of(137L));

    @Test
    void forOriginTakesSchemeDomainAndPrefixWithDefaultLimits() {
        assertThat(POLICY.scheme()).isEqualTo("https");
        assertThat(POLICY.domain()).isEqualTo("ore.example");
        assertThat(POLICY.uriPrefix()).isEqualTo("https://ore.example");
        assertThat(POLICY.maxClockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(POLICY.maxMessageAge()).isEqualTo(Duration.ofMinutes(10));
    }

    @TestFactory
    Stream<DynamicTest> acceptsUrisUnderThePrefix() {
        List<String> uris = List.of("https://ore.example", "https://ore.example/", "https://ore.example/login",
                "https://ore.example?x=1", "https://ore.example#top");
        return Cases.each(uris, uri ->
                assertThat(policy("https://ore.example").acceptsUri(uri)).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> refusesUrisThatOnlyShareCharacters() {
        List<String> uris = List.of("https://ore.example.evil.io", "https://ore.example:8443/", "https://ore.examplex",
                "https://ore.example@evil.io/", "http://ore.example/", "https://evil.io/https://ore.example");
        return Cases.each(uris, uri ->
                assertThat(policy("https://ore.example").acceptsUri(uri)).isFalse());
    }

    @Test
    void prefixEndingInSlashMatchesBelowIt() {
        SiwePolicy policy = policy("https://ore.example/app/");

        assertThat(policy.acceptsUri("https://ore.example/app/login")).isTrue();
        assertThat(policy.acceptsUri("https://ore.example/application")).isFalse();
    }

    @Test
    void refusesInvalidConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(() -> SiwePolicy.forOrigin("ore.example", Set.of(1L)));
        assertThatIllegalArgumentException().isThrownBy(() -> SiwePolicy.forOrigin("https://ore.example", Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> SiwePolicy.forOrigin("https://user@ore.example",
                Set.of(1L)));
        assertThatIllegalArgumentException().isThrownBy(() -> SiwePolicy.forOrigin("https://ore.example/login",
                Set.of(1L)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SiwePolicy("https", "ore.example",
                "https://ore.example", Set.of(1L), Duration.ofSeconds(-1), Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SiwePolicy("https", "ore.example",
                "https://ore.example", Set.of(1L), Duration.ZERO, Duration.ZERO));
    }

    private static SiwePolicy policy(String uriPrefix) {
        return new SiwePolicy("https", "ore.example", uriPrefix, Set.of(137L), Duration.ofSeconds(60),
                Duration.ofMinutes(10));
    }
}
