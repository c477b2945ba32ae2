package ore.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service must not start in a state where it could accept unsigned or unverifiable tokens. */
class SecurityStartupTest {

    @Test
    void aServiceWithoutAJwksUrlRefusesToStartAndNamesTheSetting() {
        assertThatThrownBy(() -> {
            try (var ctx = ApplicationContext.run(Map.of("ore.rate-limit.enabled", "false"))) {
                ctx.getBean(RemoteJwksSignature.class);
            }
        }).hasStackTraceContaining("ORE_SECURITY_JWKS_URL").hasStackTraceContaining("ore.security.jwks-url");
    }

    @Test
    void aSelfIssuingServiceWithoutAnySignatureConfigurationRefusesToStart() {
        assertThatThrownBy(() -> {
            try (var ctx = ApplicationContext.run(Map.of("ore.rate-limit.enabled", "false",
                    "ore.security.self-issued", "true"))) {
                ctx.getBean(SignatureRequired.class);
            }
        }).hasStackTraceContaining("No token signature configuration");
    }

    @Test
    void unsignedTokensAreNeverParsedAsTokens() {
        var parser = new SignedTokensOnly();
        String none = new PlainJWT(new JWTClaimsSet.Builder().subject("p").build()).serialize();
        assertThat(parser.parse(none)).isEmpty();
        assertThat(parser.parseClaims(none)).isEmpty();
        String signed = JwtForge.sign(new JWTClaimsSet.Builder().subject("p").build(), JwtForge.newKey("k"));
        assertThat(parser.parse(signed)).isPresent();
        assertThat(parser.parse("a.b")).isEmpty();
        assertThat(parser.parse("not.a.jwt")).isEmpty();
    }
}
