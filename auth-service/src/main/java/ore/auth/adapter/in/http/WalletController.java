package ore.auth.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Optional;
import ore.auth.app.WalletService;
import ore.core.http.Problem;
import ore.core.http.openapi.RateLimitedResponse;
import ore.core.http.openapi.UnauthenticatedResponse;

/** Wallet link with Sign-In with Ethereum (EIP-4361). */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@SecurityRequirement(name = "bearer")
@RateLimitedResponse
@Tag(name = "wallet")
class WalletController {

    private final WalletService wallets;

    WalletController(WalletService wallets) {
        this.wallets = wallets;
    }

    @Operation(operationId = "getSiweNonce", summary = "A single-use nonce for the SIWE message (valid 5 minutes)")
    @ApiResponse(responseCode = "200", description = "The nonce to put into the SIWE message",
            content = @Content(schema = @Schema(implementation = AuthDtos.Nonce.class)))
    @UnauthenticatedResponse
    @Get("/siwe/nonce")
    AuthDtos.Nonce nonce(Authentication authentication) {
        var nonce = wallets.nonce(Principals.playerId(authentication));
        return new AuthDtos.Nonce(nonce.value(), nonce.expiresAt());
    }

    @Operation(operationId = "linkWallet", summary = "Link the wallet that signed the SIWE message",
            description = "Checks the message (domain, URI, version 1, chain id, nonce, issued-at, expiration, "
                    + "not-before) and the EIP-191 signature. 400 auth.siwe.<reason> when it does not pass; 409 when "
                    + "the wallet or the account is already linked. Returns a new access token with the wallet claim. "
                    + "The session must be live (401 auth.session_ended) and either opened within the last 10 minutes "
                    + "or vouched for by its current refresh token in the body (403 auth.fresh_proof_required).")
    @ApiResponse(responseCode = "200", description = "Linked: the profile with the wallet and a new access token "
            + "carrying the wallet claim (use it for reward claims)",
            content = @Content(schema = @Schema(implementation = AuthDtos.WalletLinked.class)))
    @ApiResponse(responseCode = "400", description = "auth.siwe.<reason> when the message or signature does not pass: "
            + "malformed_message, invalid_address, wrong_domain, wrong_uri, unsupported_version, wrong_chain, "
            + "nonce_mismatch, expired, not_yet_valid, issued_in_future, too_old, bad_signature; or request.invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "auth.unauthenticated (no valid access token), auth.session_ended "
            + "(the session was signed out or revoked) or auth.account_unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "auth.fresh_proof_required: the sign-in is older than 10 minutes "
            + "and the body has no current refresh token of this session", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "auth.wallet_already_linked (unlink first) or auth.wallet_in_use "
            + "(linked to another account)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Post("/siwe/verify")
    AuthDtos.WalletLinked verify(Authentication authentication, @Body @Valid AuthDtos.SiweVerifyRequest body) {
        var linked = wallets.link(caller(authentication, body.refreshToken()), body.message(), body.signature());
        return new AuthDtos.WalletLinked(AuthDtos.Me.of(linked.player()),
                new AuthDtos.AccessToken(linked.accessToken(), "Bearer", linked.expiresInSeconds()));
    }

    @Operation(operationId = "unlinkWallet", summary = "Unlink the wallet; returns a new access token without the wallet claim",
            description = "Same session rules as linking: optional body {\"refreshToken\": \"ort_...\"}.")
    @ApiResponse(responseCode = "200", description = "Unlinked: the profile and a new access token without the wallet "
            + "claim", content = @Content(schema = @Schema(implementation = AuthDtos.WalletLinked.class)))
    @ApiResponse(responseCode = "401", description = "auth.unauthenticated (no valid access token), auth.session_ended "
            + "or auth.account_unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "auth.fresh_proof_required (as for linking)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "auth.no_wallet: no wallet is linked", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @Delete("/wallet")
    AuthDtos.WalletLinked unlink(Authentication authentication,
                                               @Body @Nullable AuthDtos.WalletChangeProof body) {
        var linked = wallets.unlink(caller(authentication, body == null ? null : body.refreshToken()));
        return new AuthDtos.WalletLinked(AuthDtos.Me.of(linked.player()),
                new AuthDtos.AccessToken(linked.accessToken(), "Bearer", linked.expiresInSeconds()));
    }

    private static WalletService.Caller caller(Authentication authentication, String refreshToken) {
        return new WalletService.Caller(Principals.playerId(authentication), Principals.sessionId(authentication),
                Optional.ofNullable(refreshToken));
    }

}
