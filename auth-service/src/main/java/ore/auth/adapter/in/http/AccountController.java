package ore.auth.adapter.in.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import ore.auth.app.AccountService;
import ore.auth.app.PrivacyService;
import ore.core.http.Problem;
import ore.core.http.openapi.RateLimitedResponse;

/** The signed-in player's own account: profile, guest upgrade, GDPR export and deletion. */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "account")
class AccountController {

    private final AccountService accounts;
    private final PrivacyService privacy;

    AccountController(AccountService accounts, PrivacyService privacy) {
        this.accounts = accounts;
        this.privacy = privacy;
    }

    @Operation(operationId = "getMe", summary = "The signed-in player")
    @ApiResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(implementation = AuthDtos.Me.class)))
    @ApiResponse(responseCode = "401", description = "auth.unauthenticated (no valid access token) or "
            + "auth.account_unavailable (the account is being deleted)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @SecurityRequirement(name = "bearer")
    @Get("/me")
    AuthDtos.Me me(Authentication authentication) {
        return AuthDtos.Me.of(accounts.active(Principals.playerId(authentication)));
    }

    @Operation(operationId = "upgradeGuest", summary = "Ask to upgrade the signed-in guest to an e-mail account (same player id)",
            description = "Needs the guest's device id (403 auth.device_proof_required otherwise). Always 202 with the "
                    + "same body: a code is mailed to the address, or, if it already has an account, a notice instead. "
                    + "The upgrade happens when the code is confirmed (POST /api/auth/email/confirm); the device id no "
                    + "longer signs in afterwards. 409 auth.not_a_guest if the account already has an e-mail.")
    @ApiResponse(responseCode = "202", description = "Accepted (the same body in every case)",
            content = @Content(schema = @Schema(implementation = AuthDtos.Accepted.class)))
    @ApiResponse(responseCode = "400", description = "auth.invalid_email, auth.weak_password, or request.invalid "
            + "(malformed JSON, a missing field)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "auth.unauthenticated (no valid access token) or "
            + "auth.account_unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "auth.device_proof_required: deviceId is not this guest's",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "auth.not_a_guest: the account already has an e-mail",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @SecurityRequirement(name = "bearer")
    @Post("/upgrade")
    @Status(HttpStatus.ACCEPTED)
    AuthDtos.Accepted upgrade(Authentication authentication, @Body @Valid AuthDtos.UpgradeRequest body) {
        accounts.requestUpgrade(Principals.playerId(authentication), body.email(), body.password(), body.deviceId());
        return new AuthDtos.Accepted("confirmation_sent",
                "If this e-mail can be used, we sent it a confirmation code; confirm it to finish the upgrade.");
    }

    @Operation(operationId = "confirmEmail", summary = "Confirm an e-mail with the mailed code: a registration creates the account, an upgrade "
            + "turns the guest into an e-mail account",
            description = "The code (evt_...) works once. For a registration (POST /api/auth/register): 201 with the "
                    + "same tokens as a login, the new player signed in. For a guest upgrade (POST /api/auth/upgrade): "
                    + "200 with the profile, same player id.")
    @ApiResponse(responseCode = "201", description = "Registration confirmed: the account exists and is signed in",
            content = @Content(schema = @Schema(implementation = AuthDtos.Tokens.class)))
    @ApiResponse(responseCode = "200", description = "Guest upgrade confirmed: the profile",
            content = @Content(schema = @Schema(implementation = AuthDtos.Me.class)))
    @ApiResponse(responseCode = "400", description = "auth.invalid_code if the code is unknown, used or expired; "
            + "request.invalid for a malformed body", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "auth.email_unavailable if the address got an account in the "
            + "meantime; auth.not_a_guest if the guest already has an e-mail",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @Post("/email/confirm")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> confirm(@Body @Valid AuthDtos.ConfirmEmailRequest body) {
        return switch (accounts.confirmEmail(body.code())) {
            case AccountService.Confirmation.Registered r -> HttpResponse.created(AuthDtos.Tokens.of(r.tokens()));
            case AccountService.Confirmation.Upgraded u -> HttpResponse.ok(AuthDtos.Me.of(u.player()));
        };
    }

    @Operation(operationId = "exportAccount", summary = "Everything auth-service holds about the player (GDPR Art. 15/20), as JSON")
    @ApiResponse(responseCode = "200", description = "The export, as a JSON attachment (format ore-auth-export/1)",
            content = @Content(schema = @Schema(implementation = AuthDtos.Export.class)))
    @ApiResponse(responseCode = "401", description = "auth.unauthenticated (no valid access token) or "
            + "auth.account_unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @SecurityRequirement(name = "bearer")
    @Get("/me/export")
    HttpResponse<AuthDtos.Export> export(Authentication authentication) {
        return HttpResponse.ok(AuthDtos.Export.of(privacy.export(Principals.playerId(authentication))))
                .header("Content-Disposition", "attachment; filename=\"ore-auth-export.json\"")
                .header("Cache-Control", "no-store");
    }

    @Operation(operationId = "deleteAccount", summary = "Delete the account (GDPR Art. 17)",
            description = "Locks the account out at once, revokes every session and tells every service to purge "
                    + "the player's data; the account rows are deleted by completeBy (within 30 days).")
    @ApiResponse(responseCode = "202", description = "Deletion scheduled; every session is revoked",
            content = @Content(schema = @Schema(implementation = AuthDtos.DeletionScheduled.class)))
    @ApiResponse(responseCode = "401", description = "auth.unauthenticated (no valid access token) or "
            + "auth.account_unavailable (already being deleted)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @SecurityRequirement(name = "bearer")
    @Delete("/me")
    @Status(HttpStatus.ACCEPTED)
    AuthDtos.DeletionScheduled delete(Authentication authentication) {
        return new AuthDtos.DeletionScheduled("deletion_scheduled",
                privacy.requestDeletion(Principals.playerId(authentication)));
    }
}
