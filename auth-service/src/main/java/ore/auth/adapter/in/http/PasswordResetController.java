package ore.auth.adapter.in.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import ore.auth.app.PasswordResetService;
import ore.core.http.ClientAddress;
import ore.core.http.Problem;
import ore.core.ratelimit.RateLimitSettings;
import ore.core.http.openapi.RateLimitedResponse;

/** Forgotten passwords: a code mailed to the account's address sets a new one. */
@Controller("/api/auth/password/reset")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "session")
class PasswordResetController {

    private final PasswordResetService resets;
    private final RateLimitSettings rateLimits;

    PasswordResetController(PasswordResetService resets, RateLimitSettings rateLimits) {
        this.resets = resets;
        this.rateLimits = rateLimits;
    }

    @Operation(operationId = "requestPasswordReset", summary = "Ask for a password reset code by mail",
            description = "Always 202 with the same body, whether or not the e-mail has an account (no account "
                    + "enumeration). Only an active account with a password is mailed a code (rst_..., valid 30 min "
                    + "by default, works once); nothing happens otherwise. At most 3 mails per address per hour by "
                    + "default, counted with registration and upgrade mails: past that the answer is the same and "
                    + "nothing is sent.")
    @ApiResponse(responseCode = "202", description = "Accepted (the same body in every case)",
            content = @Content(schema = @Schema(implementation = AuthDtos.Accepted.class)))
    @ApiResponse(responseCode = "400", description = "auth.invalid_email, or request.invalid (malformed JSON, a "
            + "missing field)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @Post
    @Status(HttpStatus.ACCEPTED)
    AuthDtos.Accepted request(@Body @Valid AuthDtos.PasswordResetRequest body) {
        resets.request(body.email());
        return new AuthDtos.Accepted("reset_requested",
                "If this e-mail has an account, we sent it a reset code; use it to set a new password.");
    }

    @Operation(operationId = "confirmPasswordReset", summary = "Set a new password with the mailed reset code",
            description = "204 on success: the code is used up (with any other reset code of the account), every "
                    + "session of the player is revoked (refresh tokens stop working; access tokens already issued "
                    + "run out within 15 minutes) and the account's login lock-out is lifted. Sign in again with "
                    + "POST /api/auth/login. A weak password leaves the code usable.")
    @ApiResponse(responseCode = "204", description = "The password is changed; sign in with it")
    @ApiResponse(responseCode = "400", description = "auth.invalid_code if the code is unknown, used or expired; "
            + "auth.weak_password; request.invalid for a malformed body", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @Post("/confirm")
    @Status(HttpStatus.NO_CONTENT)
    void confirm(HttpRequest<?> request, @Body @Valid AuthDtos.PasswordResetConfirmRequest body) {
        resets.confirm(body.code(), body.password(), ClientAddress.groupOf(request, rateLimits.trustedProxies()));
    }
}
