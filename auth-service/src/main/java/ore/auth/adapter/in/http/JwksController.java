package ore.auth.adapter.in.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ore.auth.app.port.TokenSigner;
import ore.core.http.openapi.RateLimitedResponse;

/** The public keys other services verify access tokens with. */
@Controller("/api/auth/.well-known")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "keys")
class JwksController {

    private final TokenSigner signer;

    JwksController(TokenSigner signer) {
        this.signer = signer;
    }

    @Operation(operationId = "getJwks", summary = "JWKS: every key a valid access token may be signed with (two during a rotation)")
    @ApiResponse(responseCode = "200", description = "The JSON Web Key Set (ES256 public keys); cache it for up to 5 "
            + "minutes and fetch it again when a token names an unknown kid")
    @RateLimitedResponse
    @Get(value = "/jwks.json", produces = "application/jwk-set+json")
    HttpResponse<String> jwks() {
        return HttpResponse.ok(signer.jwksJson()).contentType(MediaType.of("application/jwk-set+json"))
                .header("Cache-Control", "public, max-age=300");
    }
}
