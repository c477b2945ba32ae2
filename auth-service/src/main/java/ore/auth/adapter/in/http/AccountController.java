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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import ore.auth.app.AccountService;
import ore.auth.app.PrivacyService;

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

    @Operation(summary = "The signed-in player")
    @Get("/me")
    AuthDtos.Me me(Authentication authentication) {
        return AuthDtos.Me.of(accounts.active(Principals.playerId(authentication)));
    }

    @Operation(summary = "Upgrade the signed-in guest to an e-mail account (same player id)",
            description = "409 auth.not_a_guest if the account already has an e-mail; 409 auth.email_unavailable "
                    + "if the e-mail cannot be used. The device id no longer signs in afterwards.")
    @Post("/upgrade")
    AuthDtos.Me upgrade(Authentication authentication, @Body @Valid AuthDtos.Credentials body) {
        return AuthDtos.Me.of(accounts.upgrade(Principals.playerId(authentication), body.email(), body.password()));
    }

    @Operation(summary = "Everything auth-service holds about the player (GDPR Art. 15/20), as JSON")
    @Get("/me/export")
    HttpResponse<AuthDtos.Export> export(Authentication authentication) {
        return HttpResponse.ok(AuthDtos.Export.of(privacy.export(Principals.playerId(authentication))))
                .header("Content-Disposition", "attachment; filename=\"ore-auth-export.json\"")
                .header("Cache-Control", "no-store");
    }

    @Operation(summary = "Delete the account (GDPR Art. 17)",
            description = "Locks the account out at once, revokes every session and tells every service to purge "
                    + "the player's data; the account rows are deleted by completeBy (within 30 days).")
    @Delete("/me")
    @Status(HttpStatus.ACCEPTED)
    AuthDtos.DeletionScheduled delete(Authentication authentication) {
        return new AuthDtos.DeletionScheduled("deletion_scheduled",
                privacy.requestDeletion(Principals.playerId(authentication)));
    }
}
