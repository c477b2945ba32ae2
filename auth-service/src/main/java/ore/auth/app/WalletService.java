package ore.auth.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import ore.auth.app.port.EventOutbox;
import ore.auth.app.port.NonceStore;
import ore.auth.app.port.PlayerStore;
import ore.auth.app.port.Transactions;
import ore.auth.domain.AuthErrors;
import ore.auth.domain.account.Player;
import ore.auth.domain.account.WalletChange;
import ore.auth.domain.siwe.SiweException;
import ore.auth.domain.siwe.SiweMessageParser;
import ore.auth.domain.siwe.SiweVerifier;
import ore.auth.domain.siwe.VerifiedWallet;
import ore.core.id.Ids;

/**
 * Links a wallet to the signed-in player with Sign-In with Ethereum (EIP-4361): the player asks
 * for a nonce, has the wallet sign a SIWE message containing it, and sends message and signature
 * back. The nonce is consumed before anything else is checked, so every attempt burns it.
 *
 * <p>The wallet receives the player's payouts, so a change needs more than an access token: the
 * token's session must still be live, and either recent (a sign-in within {@code freshSignIn}) or
 * vouched for by its current refresh token ({@link SessionService#requireFreshSession}). Every change
 * is recorded in the player's wallet history (part of the GDPR export) and announced as
 * {@code WalletChanged} on {@code ore.user.lifecycle}, in the same transaction.
 */
@Singleton
public class WalletService {

    private final NonceStore nonces;
    private final PlayerStore players;
    private final SiweVerifier verifier;
    private final SessionService sessions;
    private final EventOutbox outbox;
    private final Transactions tx;
    private final Duration nonceTtl;
    private final Duration freshSignIn;
    private final Clock clock;

    public WalletService(NonceStore nonces, PlayerStore players, SiweVerifier verifier, SessionService sessions,
                         EventOutbox outbox, Transactions tx, Settings settings, Clock clock) {
        this.nonces = nonces;
        this.players = players;
        this.verifier = verifier;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tx = tx;
        this.nonceTtl = settings.nonceTtl();
        this.freshSignIn = settings.freshSignIn();
        this.clock = clock;
    }

    /**
     * @param nonceTtl    how long a SIWE nonce is valid
     * @param freshSignIn how long after a sign-in the session may change the wallet without its refresh token
     */
    public record Settings(Duration nonceTtl, Duration freshSignIn) {
    }

    public record Nonce(String value, Instant expiresAt) {
    }

    public record Linked(Player player, String accessToken, long expiresInSeconds) {
    }

    /** Who asks for the change: the player and session of the access token, and the refresh token if sent. */
    public record Caller(UUID playerId, UUID sessionId, Optional<String> refreshToken) {

        @Override
        public String toString() {
            return "Caller[playerId=" + playerId + ", sessionId=" + sessionId + ", refreshToken=***]";
        }
    }

    public Nonce nonce(UUID playerId) {
        requireActive(playerId);
        return new Nonce(nonces.issue(playerId, nonceTtl), clock.instant().plus(nonceTtl));
    }

    public Linked link(Caller caller, String message, String signature) {
        requireActive(caller.playerId());
        String nonce;
        try {
            nonce = SiweMessageParser.parse(message).nonce();
        } catch (SiweException e) {
            throw siweError(e);
        }
        var owner = nonces.consume(nonce);
        if (owner.isEmpty() || !owner.get().equals(caller.playerId())) {
            throw AuthErrors.nonceUnknown();
        }
        VerifiedWallet wallet;
        try {
            wallet = verifier.verify(message, signature, nonce, clock.instant());
        } catch (SiweException e) {
            throw siweError(e);
        }
        return tx.inTransaction(() -> {
            sessions.requireFreshSession(caller.playerId(), caller.sessionId(), caller.refreshToken(), freshSignIn);
            Player player = requireActive(caller.playerId());
            if (player.wallet().isPresent()) {
                if (player.wallet().get().address().equalsIgnoreCase(wallet.address())) {
                    return linked(player, caller);
                }
                throw AuthErrors.walletAlreadyLinked();
            }
            Instant now = clock.instant();
            if (!players.linkWallet(player.id(), new Player.Wallet(wallet.address(), wallet.chainId(), now), now)) {
                throw AuthErrors.walletInUse();
            }
            record(player.id(), caller, WalletChange.Action.LINKED, wallet.address(), wallet.chainId(), now);
            return linked(players.byId(player.id()).orElseThrow(), caller);
        });
    }

    public Linked unlink(Caller caller) {
        return tx.inTransaction(() -> {
            sessions.requireFreshSession(caller.playerId(), caller.sessionId(), caller.refreshToken(), freshSignIn);
            Player player = requireActive(caller.playerId());
            Player.Wallet wallet = player.wallet().orElseThrow(AuthErrors::noWallet);
            Instant now = clock.instant();
            if (!players.unlinkWallet(player.id(), now)) {
                throw AuthErrors.noWallet();
            }
            record(player.id(), caller, WalletChange.Action.UNLINKED, wallet.address(), wallet.chainId(), now);
            return linked(players.byId(player.id()).orElseThrow(), caller);
        });
    }

    private void record(UUID playerId, Caller caller, WalletChange.Action action, String address, long chainId,
                        Instant now) {
        players.recordWalletChange(playerId, new WalletChange(Ids.newId(clock), action, address, chainId,
                Optional.of(caller.sessionId()), now));
        outbox.publish(PrivacyService.TOPIC, PrivacyService.WALLET_CHANGED, playerId.toString(),
                new PrivacyService.WalletChanged(playerId, action.name().toLowerCase(Locale.ROOT), address, chainId, now));
    }

    private Linked linked(Player player, Caller caller) {
        return new Linked(player, sessions.accessTokenFor(player, caller.sessionId()), sessions.accessTtlSeconds());
    }

    private Player requireActive(UUID playerId) {
        return players.byId(playerId).filter(Player::active).orElseThrow(AuthErrors::accountGone);
    }

    private static RuntimeException siweError(SiweException e) {
        return AuthErrors.siwe(e.failure().name().toLowerCase(Locale.ROOT), e.getMessage());
    }
}
