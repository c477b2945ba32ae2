package ore.auth.adapter.in.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ore.auth.app.port.TokenSigner;

/** The public keys other services verify access tokens with. */
@Controller("/api/auth/.well-known")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "keys")
class JwksController {

    private final TokenSigner signer;

    JwksController(TokenSigner signer) {
        this.signer = signer;
    }

    @Operation(summary = "JWKS: every key a valid access token may be signed with (two during a rotation)")
    @Get(value = "/jwks.json", produces = "application/jwk-set+json")
    HttpResponse<String> jwks() {
        return HttpResponse.ok(signer.jwksJson()).contentType(MediaType.of("application/jwk-set+json"))
                .header("Cache-Control", "public, max-age=300");
    }
}
