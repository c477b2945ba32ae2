package ore.auth.adapter.in.http;

import io.micronaut.http.HttpRequest;
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
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import ore.auth.app.AccountService;
import ore.auth.app.SessionService;
import ore.core.http.ClientAddress;
import ore.core.http.Problem;
import ore.core.ratelimit.RateLimitSettings;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;
import ore.core.http.openapi.ProblemDocs;

/** Sign-up, sign-in (e-mail or guest), refresh and logout. */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "session")
class SessionController {

    private final AccountService accounts;
    private final SessionService sessions;
    private final RateLimitSettings rateLimits;

    SessionController(AccountService accounts, SessionService sessions, RateLimitSettings rateLimits) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.rateLimits = rateLimits;
    }

    @Operation(operationId = "register", summary = "Register an e-mail account (confirmed by a mailed code)",
            description = "Always 202 with the same body, whether or not the e-mail already has an account (no "
                    + "account enumeration): a free address is mailed a confirmation code (evt_..., valid 30 min by "
                    + "default) and the account is created when it is confirmed with POST /api/auth/email/confirm, "
                    + "which signs the new player in; until then the address does not sign in. A taken address is "
                    + "mailed a notice instead and nothing changes. At most 3 mails per address per hour by default: "
                    + "past that the answer is the same and nothing is sent.")
    @ApiResponse(responseCode = "202", description = "Accepted (the same body in every case)",
            content = @Content(schema = @Schema(implementation = AuthDtos.Accepted.class)))
    @ApiResponse(responseCode = "400", description = "auth.invalid_email, auth.weak_password, or request.invalid "
            + "(malformed JSON, a missing field)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @Post("/register")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.ACCEPTED)
    AuthDtos.Accepted register(@Body @Valid AuthDtos.Credentials body) {
        accounts.register(body.email(), body.password());
        return new AuthDtos.Accepted("confirmation_sent",
                "If this e-mail can be registered, we sent it a confirmation code; confirm it to create the account.");
    }

    @Operation(operationId = "login", summary = "Sign in with e-mail and password",
            description = "401 auth.invalid_credentials on any mismatch; 429 auth.login_locked with Retry-After "
                    + "after repeated failures for the same e-mail from the same address (IPv6: /64), or when strangers "
                    + "exceed the account's ceiling; 503 when the throttle's store is down (fails closed).")
    @ApiResponse(responseCode = "200", description = "Signed in: an access token (15 min) and a refresh token",
            content = @Content(schema = @Schema(implementation = AuthDtos.Tokens.class)))
    @ApiResponse(responseCode = "400", description = "auth.invalid_email (not an e-mail address), or request.invalid "
            + "(malformed JSON, a missing field)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "auth.invalid_credentials: no active account with this e-mail "
            + "and password (the answer does not say which)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "auth.login_locked after repeated failures (Retry-After says "
            + "how long), or request.rate_limited (per client address)",
            headers = @Header(name = ProblemDocs.RETRY_AFTER,
                    description = ProblemDocs.RETRY_AFTER_DESCRIPTION,
                    schema = @Schema(type = "integer")), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "auth.busy (too many sign-ins being checked) or "
            + "server.unavailable (the throttle's store is down); retry after Retry-After",
            headers = @Header(name = ProblemDocs.RETRY_AFTER,
                    description = ProblemDocs.RETRY_AFTER_DESCRIPTION,
                    schema = @Schema(type = "integer")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    AuthDtos.Tokens login(HttpRequest<?> request, @Body @Valid AuthDtos.Credentials body) {
        String client = ClientAddress.groupOf(request, rateLimits.trustedProxies());
        return AuthDtos.Tokens.of(accounts.login(body.email(), body.password(), client));
    }

    @Operation(operationId = "signInAsGuest", summary = "Sign in as a guest with the device id (creates the account on first launch)")
    @ApiResponse(responseCode = "200", description = "Signed in to the existing guest account of this device id",
            content = @Content(schema = @Schema(implementation = AuthDtos.GuestTokens.class)))
    @ApiResponse(responseCode = "201", description = "First launch: the guest account was created and signed in",
            content = @Content(schema = @Schema(implementation = AuthDtos.GuestTokens.class)))
    @ApiResponse(responseCode = "400", description = "auth.invalid_device_id (10-128 characters of [A-Za-z0-9._:-]), "
            + "or request.invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "auth.account_unavailable: this device's guest account is "
            + "being deleted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @Post("/guest")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<AuthDtos.GuestTokens> guest(@Body @Valid AuthDtos.GuestRequest body) {
        var result = accounts.guest(body.deviceId());
        var dto = new AuthDtos.GuestTokens(result.created(), AuthDtos.Tokens.of(result.tokens()));
        return result.created() ? HttpResponse.created(dto) : HttpResponse.ok(dto);
    }

    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for new tokens (rotation)",
            description = "Each refresh token works once. Presenting a used one again within the grace window (10 s) "
                    + "returns an access token only (no refreshToken: keep the successor you got); more than the grace "
                    + "window later it revokes the whole session (401 auth.refresh_token_reused).")
    @ApiResponse(responseCode = "200", description = "New tokens; keep the new refresh token, the old one is used up",
            content = @Content(schema = @Schema(implementation = AuthDtos.Tokens.class)))
    @ApiResponse(responseCode = "400", description = "request.invalid (malformed JSON, no refreshToken)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "auth.invalid_refresh_token (unknown, expired or revoked: sign "
            + "in again) or auth.refresh_token_reused (replayed after the grace window: the session is revoked)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RateLimitedResponse
    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    AuthDtos.Tokens refresh(@Body @Valid AuthDtos.RefreshRequest body) {
        return AuthDtos.Tokens.of(sessions.refresh(body.refreshToken()));
    }

    @Operation(operationId = "logout", summary = "Revoke the current session (its refresh tokens)")
    @ApiResponse(responseCode = "204", description = "Signed out: the session's refresh tokens no longer work; the "
            + "access token runs out by itself within 15 minutes")
    @UnauthenticatedResponse
    @RateLimitedResponse
    @SecurityRequirement(name = "bearer")
    @Post("/logout")
    @Secured("player")
    @Status(HttpStatus.NO_CONTENT)
    void logout(Authentication authentication) {
        sessions.logout(Principals.sessionId(authentication));
    }
}
