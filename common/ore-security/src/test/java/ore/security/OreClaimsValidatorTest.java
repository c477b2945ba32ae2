package ore.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class OreClaimsValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    private static OreClaimsValidator validator() {
        var settings = new SecuritySettings("https://auth.ore.local", List.of("ore-api", "game"), null, false,
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(30),
                1000, Duration.ofMinutes(10), "jdk");
        return new OreClaimsValidator(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JWTClaimsSet.Builder good() {
        return new JWTClaimsSet.Builder().issuer("https://auth.ore.local").audience("ore-api").subject("p")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(900)));
    }

    private static String check(JWTClaimsSet claims) {
        return validator().check(new JwtClaimsSetAdapter(claims));
    }

    @Test
    void acceptsGoodClaimsAndAnyConfiguredAudience() {
        assertThat(check(good().build())).isNull();
        assertThat(check(good().audience(List.of("x", "game")).build())).isNull();
    }

    @Test
    void toleratesSkewButNotMore() {
        assertThat(check(good().expirationTime(Date.from(NOW.minusSeconds(10))).build())).isNull();
        assertThat(check(good().expirationTime(Date.from(NOW.minusSeconds(31))).build())).isNotNull();
        assertThat(check(good().notBeforeTime(Date.from(NOW.plusSeconds(10))).build())).isNull();
        assertThat(check(good().notBeforeTime(Date.from(NOW.plusSeconds(31))).build())).isNotNull();
    }

    @Test
    void rejectsWrongIssuerAudienceMissingExpOrSubject() {
        assertThat(check(good().issuer("x").build())).contains("issuer");
        assertThat(check(good().audience("x").build())).contains("audience");
        assertThat(check(good().expirationTime(null).build())).contains("exp");
        assertThat(check(good().subject(null).build())).contains("subject");
        assertThat(check(good().issueTime(Date.from(NOW.plusSeconds(120))).build())).contains("future");
    }
}
