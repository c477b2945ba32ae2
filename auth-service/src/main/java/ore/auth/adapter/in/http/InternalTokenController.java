package ore.auth.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import ore.auth.app.ServiceTokenService;
import ore.auth.domain.AuthErrors;

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for service-to-service calls. Reached only
 * inside the VPC ({@code auth.ore.local}); the ALB never routes {@code /internal/*}. Hidden from the
 * public OpenAPI document (game clients cannot reach it); docs/contracts.md describes it for services.
 */
@Hidden
@Controller("/internal/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "internal")
class InternalTokenController {

    @Serdeable
    record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    private final ServiceTokenService tokens;

    InternalTokenController(ServiceTokenService tokens) {
        this.tokens = tokens;
    }

    @Operation(operationId = "issueServiceToken", summary = "Service token: grant_type=client_credentials, audience=<callee>; client auth by HTTP Basic")
    @Post("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    TokenResponse token(@Body Map<String, String> form, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw AuthErrors.unsupportedGrant();
        }
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw AuthErrors.invalidClient();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw AuthErrors.invalidClient();
            }
            id = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
        }
        var token = tokens.issue(id, secret, form.get("audience"));
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds());
    }
}
