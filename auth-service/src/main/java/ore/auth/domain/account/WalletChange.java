package ore.auth.domain.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One change of a player's payout wallet, kept for the player's export and for support: which
 * wallet, linked or unlinked, when, and in which session (refresh family).
 */
public record WalletChange(UUID id, Action action, String address, long chainId, Optional<UUID> sessionId,
                           Instant changedAt) {

    public enum Action { LINKED, UNLINKED }
}
