package ore.location.api;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Stands in for auth-service's JWKS endpoint in API tests. */
@Requires(property = "test.jwks", value = "on")
@Controller
class TestJwks {

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/test-jwks")
    String jwks() {
        return new JWKSet(ApiTestSupport.KEY.toPublicJWK()).toString();
    }
}
