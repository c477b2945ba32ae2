package ore.auth.adapter.in.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import ore.auth.app.AccountService;
import ore.auth.app.SessionService;

/** Sign-up, sign-in (e-mail or guest), refresh and logout. */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "session")
class SessionController {

    private final AccountService accounts;
    private final SessionService sessions;

    SessionController(AccountService accounts, SessionService sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Operation(summary = "Register an e-mail account",
            description = "Always 202 with the same body, whether or not the e-mail was already registered "
                    + "(no account enumeration). Sign in with POST /api/auth/login afterwards.")
    @Post("/register")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.ACCEPTED)
    AuthDtos.Accepted register(@Body @Valid AuthDtos.Credentials body) {
        accounts.register(body.email(), body.password());
        return new AuthDtos.Accepted("accepted", "If this e-mail can be registered, it now is; sign in to continue.");
    }

    @Operation(summary = "Sign in with e-mail and password",
            description = "401 auth.invalid_credentials on any mismatch; 429 auth.login_locked with Retry-After "
                    + "after repeated failures for the same e-mail.")
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    AuthDtos.Tokens login(@Body @Valid AuthDtos.Credentials body) {
        return AuthDtos.Tokens.of(accounts.login(body.email(), body.password()));
    }

    @Operation(summary = "Sign in as a guest with the device id (creates the account on first launch)")
    @Post("/guest")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<AuthDtos.GuestTokens> guest(@Body @Valid AuthDtos.GuestRequest body) {
        var result = accounts.guest(body.deviceId());
        var dto = new AuthDtos.GuestTokens(result.created(), AuthDtos.Tokens.of(result.tokens()));
        return result.created() ? HttpResponse.created(dto) : HttpResponse.ok(dto);
    }

    @Operation(summary = "Exchange a refresh token for new tokens (rotation)",
            description = "Each refresh token works once. Presenting a used one again more than the grace window "
                    + "(10 s) later revokes the whole session (401 auth.refresh_token_reused).")
    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    AuthDtos.Tokens refresh(@Body @Valid AuthDtos.RefreshRequest body) {
        return AuthDtos.Tokens.of(sessions.refresh(body.refreshToken()));
    }

    @Operation(summary = "Revoke the current session (its refresh tokens)")
    @Post("/logout")
    @Secured("player")
    @Status(HttpStatus.NO_CONTENT)
    void logout(Authentication authentication) {
        sessions.logout(Principals.sessionId(authentication));
    }
}
