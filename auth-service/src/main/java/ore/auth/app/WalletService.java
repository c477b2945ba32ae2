package ore.auth.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import ore.auth.app.port.NonceStore;
import ore.auth.app.port.PlayerStore;
import ore.auth.domain.AuthErrors;
import ore.auth.domain.account.Player;
import ore.auth.domain.siwe.SiweException;
import ore.auth.domain.siwe.SiweMessageParser;
import ore.auth.domain.siwe.SiweVerifier;
import ore.auth.domain.siwe.VerifiedWallet;

/**
 * Links a wallet to the signed-in player with Sign-In with Ethereum (EIP-4361): the player asks
 * for a nonce, has the wallet sign a SIWE message containing it, and sends message and signature
 * back. The nonce is consumed before anything else is checked, so every attempt burns it.
 */
@Singleton
public class WalletService {

    private final NonceStore nonces;
    private final PlayerStore players;
    private final SiweVerifier verifier;
    private final SessionService sessions;
    private final Duration nonceTtl;
    private final Clock clock;

    public WalletService(NonceStore nonces, PlayerStore players, SiweVerifier verifier, SessionService sessions,
                         SiweNonceTtl nonceTtl, Clock clock) {
        this.nonces = nonces;
        this.players = players;
        this.verifier = verifier;
        this.sessions = sessions;
        this.nonceTtl = nonceTtl.value();
        this.clock = clock;
    }

    /** The nonce lifetime, as a type of its own so configuration can provide it. */
    public record SiweNonceTtl(Duration value) {
    }

    public record Nonce(String value, Instant expiresAt) {
    }

    public record Linked(Player player, String accessToken, long expiresInSeconds) {
    }

    public Nonce nonce(UUID playerId) {
        requireActive(playerId);
        return new Nonce(nonces.issue(playerId, nonceTtl), clock.instant().plus(nonceTtl));
    }

    public Linked link(UUID playerId, UUID sessionId, String message, String signature) {
        Player player = requireActive(playerId);
        String nonce;
        try {
            nonce = SiweMessageParser.parse(message).nonce();
        } catch (SiweException e) {
            throw siweError(e);
        }
        var owner = nonces.consume(nonce);
        if (owner.isEmpty() || !owner.get().equals(playerId)) {
            throw AuthErrors.nonceUnknown();
        }
        VerifiedWallet wallet;
        try {
            wallet = verifier.verify(message, signature, nonce, clock.instant());
        } catch (SiweException e) {
            throw siweError(e);
        }
        if (player.wallet().isPresent()) {
            if (player.wallet().get().address().equalsIgnoreCase(wallet.address())) {
                return new Linked(player, sessions.reissueAccess(player, sessionId), sessions.accessTtlSeconds());
            }
            throw AuthErrors.walletAlreadyLinked();
        }
        Instant now = clock.instant();
        if (!players.linkWallet(playerId, new Player.Wallet(wallet.address(), wallet.chainId(), now), now)) {
            throw AuthErrors.walletInUse();
        }
        Player updated = players.byId(playerId).orElseThrow();
        return new Linked(updated, sessions.reissueAccess(updated, sessionId), sessions.accessTtlSeconds());
    }

    public Linked unlink(UUID playerId, UUID sessionId) {
        requireActive(playerId);
        if (!players.unlinkWallet(playerId, clock.instant())) {
            throw AuthErrors.noWallet();
        }
        Player updated = players.byId(playerId).orElseThrow();
        return new Linked(updated, sessions.reissueAccess(updated, sessionId), sessions.accessTtlSeconds());
    }

    private Player requireActive(UUID playerId) {
        return players.byId(playerId).filter(Player::active).orElseThrow(AuthErrors::accountGone);
    }

    private static RuntimeException siweError(SiweException e) {
        return AuthErrors.siwe(e.failure().name().toLowerCase(Locale.ROOT), e.getMessage());
    }
}
