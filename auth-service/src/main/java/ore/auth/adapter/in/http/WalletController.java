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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Optional;
import ore.auth.app.WalletService;

/** Wallet link with Sign-In with Ethereum (EIP-4361). */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("player")
@Tag(name = "wallet")
class WalletController {

    private final WalletService wallets;

    WalletController(WalletService wallets) {
        this.wallets = wallets;
    }

    @Operation(summary = "A single-use nonce for the SIWE message (valid 5 minutes)")
    @Get("/siwe/nonce")
    AuthDtos.Nonce nonce(Authentication authentication) {
        var nonce = wallets.nonce(Principals.playerId(authentication));
        return new AuthDtos.Nonce(nonce.value(), nonce.expiresAt());
    }

    @Operation(summary = "Link the wallet that signed the SIWE message",
            description = "Checks the message (domain, URI, version 1, chain id, nonce, issued-at, expiration, "
                    + "not-before) and the EIP-191 signature. 400 auth.siwe.<reason> when it does not pass; 409 when "
                    + "the wallet or the account is already linked. Returns a new access token with the wallet claim. "
                    + "The session must be live (401 auth.session_ended) and either opened within the last 10 minutes "
                    + "or vouched for by its current refresh token in the body (403 auth.fresh_proof_required).")
    @Post("/siwe/verify")
    AuthDtos.WalletLinked verify(Authentication authentication, @Body @Valid AuthDtos.SiweVerifyRequest body) {
        var linked = wallets.link(caller(authentication, body.refreshToken()), body.message(), body.signature());
        return new AuthDtos.WalletLinked(AuthDtos.Me.of(linked.player()),
                new AuthDtos.AccessToken(linked.accessToken(), "Bearer", linked.expiresInSeconds()));
    }

    @Operation(summary = "Unlink the wallet; returns a new access token without the wallet claim",
            description = "Same session rules as linking: optional body {\"refreshToken\": \"ort_...\"}.")
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
